package app.oo.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.signal.IngestAdmission;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ViewsBehindProblemTest {

    @Test
    void aRefusedBatchIsA503ProblemWithRetryAfterThatSaysNothingWasStored() {
        ResponseEntity<ProblemDetail> response = new ProblemAdvice().viewsBehind(
                new IngestAdmission.ViewsBehindException("person-features", Duration.ofMillis(2_400), Duration.ofSeconds(2)));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).isNotNull();
        assertThat(response.getBody().getTitle()).isEqualTo("Views behind");
        assertThat(response.getBody().getDetail()).contains("person-features", "2400 ms behind", "nothing was stored");
    }
}

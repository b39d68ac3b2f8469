package app.oo.sagas.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.tip.TipId;
import app.oo.sagas.ml.GenerateRequest;
import app.oo.sagas.ml.MlServing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The person's task titles reach ml/serving's generate request, and a slow or failing provider means none. */
class TipPipelineTest {

    private final PersonId person = PersonId.of(UUID.randomUUID().toString());
    private final QueryGateway queries = mock(QueryGateway.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final MlServing ml = mock(MlServing.class);
    private final TaskTitles titles = mock(TaskTitles.class);
    private TipPipeline pipeline;

    @BeforeEach
    void setUp() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        when(queries.query(any(FetchPersonFeaturesQuery.class), eq(PersonFeatures.class)))
                .thenReturn(CompletableFuture.completedFuture(new PersonFeatures(person, Map.of("tasksOverdue", 2.0), now)));
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        // generate fails so the run ends on the fallback: what matters here is the request it was given
        when(ml.generate(any())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("ml down")));
        pipeline = new TipPipeline(queries, commands, ml, new PersonKeys("a-test-pseudonym-key"),
                new TipSagaProperties(Duration.ofMillis(1500), 5), Clock.fixed(now, ZoneOffset.UTC), titles);
    }

    private GenerateRequest generateRequest() {
        pipeline.issueRanked(new TipId(UUID.randomUUID()), person).join();
        ArgumentCaptor<GenerateRequest> request = ArgumentCaptor.forClass(GenerateRequest.class);
        verify(ml).generate(request.capture());
        return request.getValue();
    }

    @Test
    void theCurrentTaskTitlesGoIntoTheGenerateRequest() {
        when(titles.currentTopTitles(person)).thenReturn(CompletableFuture.completedFuture(List.of("Call the notary")));

        assertThat(generateRequest().taskTitles()).containsExactly("Call the notary");
    }

    @Test
    void aProviderThatNeverAnswersMeansNoTitles() {
        when(titles.currentTopTitles(person)).thenReturn(new CompletableFuture<>());

        assertThat(generateRequest().taskTitles()).isEmpty();
    }

    @Test
    void aFailingProviderMeansNoTitles() {
        when(titles.currentTopTitles(person)).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("401")));

        assertThat(generateRequest().taskTitles()).isEmpty();
    }

    @Test
    void aPortThatThrowsMeansNoTitles() {
        when(titles.currentTopTitles(person)).thenThrow(new IllegalStateException("not wired"));

        assertThat(generateRequest().taskTitles()).isEmpty();
    }
}

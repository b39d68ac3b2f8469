package app.oo.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import app.oo.mlbridge.OkHttpMlServing;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.actuate.health.SimpleStatusAggregator;
import java.util.Set;

class MlServingHealthIndicatorTest {

    private final OkHttpMlServing ml = mock(OkHttpMlServing.class);

    @Test
    void unreachableMlServingIsDegradedNotDown() {
        when(ml.isUp()).thenReturn(false);
        when(ml.details()).thenReturn(Map.of("url", "http://127.0.0.1:1", "circuit", "OPEN"));

        var health = new MlServingHealthIndicator(ml).health();

        assertThat(health.getStatus()).isEqualTo(MlServingHealthIndicator.DEGRADED);
        assertThat(health.getDetails()).containsEntry("circuit", "OPEN");
    }

    @Test
    void degradedOutranksUpButNotDownInTheConfiguredOrder() {
        StatusAggregator order = new SimpleStatusAggregator("down", "out-of-service", "degraded", "up", "unknown");

        assertThat(order.getAggregateStatus(Set.of(Status.UP, MlServingHealthIndicator.DEGRADED)))
                .isEqualTo(MlServingHealthIndicator.DEGRADED);
        assertThat(order.getAggregateStatus(Set.of(Status.DOWN, MlServingHealthIndicator.DEGRADED)))
                .isEqualTo(Status.DOWN);
    }

    @Test
    void reachableMlServingIsUp() {
        when(ml.isUp()).thenReturn(true);
        when(ml.details()).thenReturn(Map.of("url", "http://127.0.0.1:1", "circuit", "CLOSED"));

        assertThat(new MlServingHealthIndicator(ml).health().getStatus()).isEqualTo(Status.UP);
    }
}

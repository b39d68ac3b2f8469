package app.oo.web.platform;

import app.oo.mlbridge.OkHttpMlServing;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * ml/serving in {@code /actuator/health}. Unreachable is {@link #DEGRADED}, not down: tips keep
 * coming from the fallback rules, so the node must stay in its load balancer's rotation. The
 * readiness probe ({@code /actuator/health/readiness}) leaves ml/serving out (docs/adr/0019).
 */
@Component("mlServingHealthIndicator")
public class MlServingHealthIndicator implements HealthIndicator {

    /** Serving, with less than everything: here, fallback tips only. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "ml/serving is unreachable: tips come from the fallback rules");

    private final OkHttpMlServing ml;

    public MlServingHealthIndicator(OkHttpMlServing ml) {
        this.ml = ml;
    }

    @Override
    public Health health() {
        return Health.status(ml.isUp() ? Status.UP : DEGRADED).withDetails(ml.details()).build();
    }
}

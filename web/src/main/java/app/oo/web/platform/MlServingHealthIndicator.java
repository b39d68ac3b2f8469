package app.oo.web.platform;

import app.oo.mlbridge.OkHttpMlServing;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * ml/serving in {@code /actuator/health}. Down is reported, and the app stays up: tips keep
 * coming from the fallback rules while ml/serving is away.
 */
@Component("mlServingHealthIndicator")
public class MlServingHealthIndicator implements HealthIndicator {

    private final OkHttpMlServing ml;

    public MlServingHealthIndicator(OkHttpMlServing ml) {
        this.ml = ml;
    }

    @Override
    public Health health() {
        return (ml.isUp() ? Health.up() : Health.down()).withDetails(ml.details()).build();
    }
}

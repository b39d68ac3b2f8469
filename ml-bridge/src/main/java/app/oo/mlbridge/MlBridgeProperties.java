package app.oo.mlbridge;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach ml/serving.
 *
 * @param url             ml/serving's base URL ({@code OO_ML_URL}); blank: start the bundled service locally
 * @param python          the interpreter that runs the local service (Debian's, which has its packages)
 * @param stateDir        where the local service keeps its model state; blank: {@code <oo.data-dir>/ml-state}
 * @param startTimeout    how long the local service may take to answer {@code /health}
 * @param connectTimeout  TCP connect limit of each call
 * @param callTimeout     whole-call limit of each attempt
 * @param retries         further attempts of an idempotent call after a failure
 * @param backoff         first retry delay, doubled at each further attempt
 * @param failureThreshold consecutive failures that open the circuit
 * @param openFor         how long an open circuit fails fast before letting one trial call through
 */
@ConfigurationProperties("oo.ml")
public record MlBridgeProperties(
        String url,
        @DefaultValue("/usr/bin/python3") String python,
        Path stateDir,
        @DefaultValue("60s") Duration startTimeout,
        @DefaultValue("250ms") Duration connectTimeout,
        @DefaultValue("1200ms") Duration callTimeout,
        @DefaultValue("2") int retries,
        @DefaultValue("50ms") Duration backoff,
        @DefaultValue("5") int failureThreshold,
        @DefaultValue("5s") Duration openFor) {

    public boolean startsLocalService() {
        return url == null || url.isBlank();
    }
}

package app.oo.sagas.erasure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the erasure saga.
 *
 * @param deadline           how long an erasure may take before the saga gives up (compliance replays it)
 * @param retryAfter         how long the saga waits before running a failed step again
 * @param revocationAttempts how often a provider revocation is tried before the step goes on without it
 * @param revocationBackoff  the first pause between revocation attempts; doubles each time
 * @param replayTimeout      how long a compliance replay request waits for its evidence
 */
@ConfigurationProperties("oo.erasure")
public record ErasureSagaProperties(@DefaultValue("15m") Duration deadline,
                                    @DefaultValue("30s") Duration retryAfter,
                                    @DefaultValue("4") int revocationAttempts,
                                    @DefaultValue("500ms") Duration revocationBackoff,
                                    @DefaultValue("60s") Duration replayTimeout) {
}

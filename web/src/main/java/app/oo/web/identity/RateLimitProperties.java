package app.oo.web.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-person request limits.
 *
 * @param recommendPerSecond sustained {@code POST /recommend} per person
 * @param recommendBurst     how many at once
 * @param signalsPerSecond   sustained {@code POST /api/signals} (and batches) per person
 * @param signalsBurst       how many at once
 */
@ConfigurationProperties("oo.rate-limit")
public record RateLimitProperties(@DefaultValue("5") double recommendPerSecond, @DefaultValue("20") double recommendBurst,
                                  @DefaultValue("200") double signalsPerSecond, @DefaultValue("400") double signalsBurst) {
}

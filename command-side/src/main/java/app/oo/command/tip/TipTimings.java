package app.oo.command.tip;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a snooze lasts and how long a tip lives without a final reaction ({@code oo.tips.snooze},
 * {@code oo.tips.lifetime}). The instants they start from always come from a command.
 */
@ConfigurationProperties("oo.tips")
public record TipTimings(@DefaultValue("2h") Duration snooze, @DefaultValue("24h") Duration lifetime) {

    public TipTimings {
        Objects.requireNonNull(snooze, "oo.tips.snooze");
        Objects.requireNonNull(lifetime, "oo.tips.lifetime");
        if (snooze.isNegative() || snooze.isZero() || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("oo.tips.snooze and oo.tips.lifetime are positive, were "
                    + snooze + " and " + lifetime);
        }
    }

    public Instant snoozedUntil(Instant snoozedAt) {
        return snoozedAt.plus(snooze);
    }

    public Instant expiresAt(Instant issuedAt) {
        return issuedAt.plus(lifetime);
    }
}

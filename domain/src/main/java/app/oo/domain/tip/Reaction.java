package app.oo.domain.tip;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A person's reaction to a tip, and the reward it gives the policy (in [0, 1], so that
 * off-policy estimates stay bounded): doing the tip is the best outcome, a like nearly so,
 * a snooze says "right idea, wrong moment", a dismissal says "wrong tip".
 */
public enum Reaction {
    DONE(1.0, true),
    LIKED(0.8, true),
    SNOOZED(0.2, false),
    DISMISSED(0.0, true);

    private final double reward;
    private final boolean fin;

    Reaction(double reward, boolean fin) {
        this.reward = reward;
        this.fin = fin;
    }

    public double reward() {
        return reward;
    }

    /** A final reaction closes the tip; a snooze lets it come back. */
    public boolean isFinal() {
        return fin;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Reaction fromWireName(String name) {
        for (Reaction r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reaction '" + name + "'; expected done, dismissed, liked or snoozed");
    }
}

package app.oo.sagas.timing;

import app.oo.domain.timing.TimingTrigger;
import java.time.Instant;
import java.util.Objects;

/**
 * A moment at which a person may get a timed tip.
 *
 * @param ref   what it stems from: {@code morning}, a calendar signal's id, a task's reference
 * @param dueAt when it is due
 */
public record Moment(TimingTrigger trigger, String ref, Instant dueAt) {

    public Moment {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}

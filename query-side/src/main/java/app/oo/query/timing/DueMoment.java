package app.oo.query.timing;

import app.oo.domain.person.PersonId;
import app.oo.domain.timing.TimingTrigger;
import java.time.Instant;

/** A row of {@code timing_schedule}: a person's moment, what it stems from and when it is due. */
public record DueMoment(PersonId personId, TimingTrigger trigger, String ref, Instant dueAt) {
}

package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** A snoozed tip is back: it is the person's current tip again (unless a newer one is). */
public record TipResurfacedEvent(TipId tipId, @DataSubject PersonId personId, Instant at) {
}

package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** A tip was asked for; the tip saga starts here. */
public record TipRequestedEvent(@DataSubject PersonId personId, TipId tipId, String reason, Instant requestedAt) {
}

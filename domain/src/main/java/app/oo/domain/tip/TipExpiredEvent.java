package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** The tip's lifetime ran out without a final reaction: it is closed and no longer current. */
public record TipExpiredEvent(TipId tipId, @DataSubject PersonId personId, Instant at) {
}

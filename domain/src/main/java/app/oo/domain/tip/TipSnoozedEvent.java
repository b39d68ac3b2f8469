package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** The owner snoozed the tip at {@code at}; it comes back at {@code until}. */
public record TipSnoozedEvent(TipId tipId, @DataSubject PersonId personId, Instant until, Instant at) {
}

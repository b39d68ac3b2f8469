package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** The tip was shown to its owner: once when issued, once more each time it resurfaces. */
public record TipShownEvent(TipId tipId, @DataSubject PersonId personId, Instant at) {
}

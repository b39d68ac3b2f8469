package app.oo.domain.person;

import app.oo.domain.privacy.DataSubject;
import app.oo.domain.privacy.PersonalData;
import java.time.Instant;

/** A person exists from now on. */
public record PersonRegisteredEvent(@DataSubject PersonId personId, @PersonalData String displayName,
                                    Instant registeredAt) {
}

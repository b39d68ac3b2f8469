package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.UUID;

/** The person is erased: integrations revoked, tokens and data key deleted, views purged. */
public record PersonErasedEvent(PersonId personId, UUID erasureId, Instant at) {
}

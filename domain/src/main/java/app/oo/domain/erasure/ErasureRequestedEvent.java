package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.UUID;

/** Erasure was requested; the erasure saga starts here. */
public record ErasureRequestedEvent(PersonId personId, UUID erasureId, String requestedBy, Instant at) {
}

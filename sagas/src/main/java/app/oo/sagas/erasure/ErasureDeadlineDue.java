package app.oo.sagas.erasure;

import app.oo.domain.person.PersonId;
import java.util.UUID;

/** Deadline payload: the erasure did not finish in time. */
public record ErasureDeadlineDue(PersonId personId, UUID erasureId) {
}

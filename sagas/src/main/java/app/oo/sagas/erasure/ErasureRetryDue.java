package app.oo.sagas.erasure;

import app.oo.domain.person.PersonId;
import java.util.UUID;

/** Deadline payload: run the failed step again. */
public record ErasureRetryDue(PersonId personId, UUID erasureId, ErasureStep step) {
}

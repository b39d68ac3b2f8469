package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.util.Objects;
import java.util.UUID;

/**
 * Delete every row about the person from the read models (the erasure saga's purge step, and a
 * compliance replay after a restore or a rebuild brought rows back). Answers the number of rows
 * deleted; a repeat deletes nothing more.
 */
public record PurgePersonFromViewsCommand(PersonId personId, UUID erasureId) {

    public PurgePersonFromViewsCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(erasureId, "erasureId");
    }
}

package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Answer to {@link FindErasuresQuery}. */
public record ErasuresView(List<Erasure> erasures) {

    public ErasuresView {
        erasures = List.copyOf(erasures);
    }

    /** One erasure: {@code completedAt} is null while it is under way. */
    public record Erasure(UUID erasureId, PersonId personId, Instant requestedAt, Instant completedAt) {
    }
}

package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask for a person's erasure. From the event on, the person's aggregate refuses every command.
 *
 * @param requestedBy {@code person} (DELETE /api/me) or {@code compliance}
 */
public record RequestErasureCommand(@TargetAggregateIdentifier PersonId personId, UUID erasureId, String requestedBy,
                                    Instant at) {
}

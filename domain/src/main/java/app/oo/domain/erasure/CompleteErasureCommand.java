package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close an erasure once every step is done (sent by the erasure saga). */
public record CompleteErasureCommand(@TargetAggregateIdentifier PersonId personId, UUID erasureId, Instant at) {
}

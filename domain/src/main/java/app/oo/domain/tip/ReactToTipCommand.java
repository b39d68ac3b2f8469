package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** React to a tip; {@code actor} must be the tip's owner. */
public record ReactToTipCommand(@TargetAggregateIdentifier TipId tipId, PersonId actor, Reaction reaction,
                                Instant at) {
}

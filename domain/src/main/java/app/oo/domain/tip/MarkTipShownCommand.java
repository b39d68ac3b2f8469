package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The page showed the tip to {@code actor}, who must be its owner; a repeat of the same showing records nothing. */
public record MarkTipShownCommand(@TargetAggregateIdentifier TipId tipId, PersonId actor, Instant at) {
}

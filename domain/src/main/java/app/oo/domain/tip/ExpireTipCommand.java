package app.oo.domain.tip;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a tip nobody reacted to within its lifetime; for a tip already closed it changes nothing. */
public record ExpireTipCommand(@TargetAggregateIdentifier TipId tipId, Instant at) {
}

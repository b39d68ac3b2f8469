package app.oo.domain.tip;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Bring a snoozed tip back once its snooze is over; for a tip that is not snoozed it changes nothing. */
public record ResurfaceTipCommand(@TargetAggregateIdentifier TipId tipId, Instant at) {
}

package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask for a tip for a person. The tip id is chosen by the requester so it can wait for exactly
 * that tip.
 *
 * @param reason {@code on-demand} (the page asked) or the timing policy's moment
 */
public record RequestTipCommand(@TargetAggregateIdentifier PersonId personId, TipId tipId, String reason,
                                Instant requestedAt) {
}

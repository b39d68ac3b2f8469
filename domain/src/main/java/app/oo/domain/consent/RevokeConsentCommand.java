package app.oo.domain.consent;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Revoke consent to a topic.
 *
 * @param how           the channel the person used ({@code signup}, {@code web}, {@code api})
 * @param policyVersion the version of the privacy policy in force when the person revoked
 */
public record RevokeConsentCommand(@TargetAggregateIdentifier PersonId personId, ConsentTopic topic,
                                  String how, String policyVersion, Instant at) {
}

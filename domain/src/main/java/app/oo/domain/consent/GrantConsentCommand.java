package app.oo.domain.consent;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Grant consent to a topic.
 *
 * @param how           the channel the person used ({@code signup}, {@code web}, {@code api})
 * @param policyVersion the version of the privacy policy the person agreed to
 */
public record GrantConsentCommand(@TargetAggregateIdentifier PersonId personId, ConsentTopic topic,
                                  String how, String policyVersion, Instant at) {
}

package app.oo.domain.policy;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Promote ml/serving's shadow policy to incumbent.
 *
 * @param registryId       always {@link #REGISTRY_ID}: one registry holds the promotion history
 * @param policy           the policy to promote; must be the current shadow
 * @param currentIncumbent what ml/serving serves now
 * @param currentShadow    ml/serving's shadow now
 * @param evidence         the simulation's evidence for {@code policy}; null when it evaluated no such candidate
 * @param promotedBy       the analyst's account
 * @param at               when the analyst asked
 */
public record PromotePolicyCommand(@TargetAggregateIdentifier String registryId, String policy,
                                   PolicyRef currentIncumbent, PolicyRef currentShadow, String simulationId,
                                   PromotionEvidence evidence, String promotedBy, Instant at) {

    public static final String REGISTRY_ID = "policy-registry";
}

package app.oo.domain.policy;

import java.time.Instant;

/**
 * The shadow policy was promoted to incumbent on the evidence of a simulation and its shadow run.
 * ml/serving is told to serve it by the promotion forwarder, which retries until it lands.
 *
 * @param promoted          the promoted policy as it ran in the shadow
 * @param previousIncumbent the policy it replaces
 */
public record PolicyPromotedEvent(String registryId, PolicyRef promoted, PolicyRef previousIncumbent,
                                  String simulationId, PromotionEvidence evidence, String promotedBy,
                                  Instant promotedAt) {
}

package app.oo.domain.integration;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the grant is revoked at the provider and its vault entry deleted.
 *
 * @param reason {@link #DISCONNECT}, {@link #ERASURE} or {@link #PROVIDER}
 */
public record RevokeIntegrationCommand(@TargetAggregateIdentifier IntegrationId integrationId, String reason,
                                       Instant at) {

    public static final String DISCONNECT = "disconnect";
    public static final String ERASURE = "erasure";
    public static final String PROVIDER = "provider";
    public static final Set<String> REASONS = Set.of(DISCONNECT, ERASURE, PROVIDER);

    public RevokeIntegrationCommand {
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("a revocation's reason is one of " + REASONS + ", was '" + reason + "'");
        }
    }
}

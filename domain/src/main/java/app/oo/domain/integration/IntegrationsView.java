package app.oo.domain.integration;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A person's integrations, one entry per provider. Tokens never appear: only their vault reference. */
public record IntegrationsView(List<Entry> integrations) {

    public IntegrationsView {
        integrations = List.copyOf(integrations);
    }

    /**
     * One provider connection.
     *
     * @param status       {@code connected} or {@code revoked}
     * @param revokeReason why it was revoked ({@code disconnect}, {@code erasure}, {@code provider}); null while connected
     */
    public record Entry(IntegrationId integrationId, String provider, Set<String> scopes, String vaultRef,
                        String status, Instant connectedAt, Instant tokenRefreshedAt, Instant tokenExpiresAt,
                        Instant revokedAt, String revokeReason) {

        public Entry {
            scopes = Set.copyOf(scopes);
        }

        public boolean connected() {
            return "connected".equals(status);
        }
    }
}

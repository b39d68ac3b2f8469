package app.oo.domain.integration;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Connect a provider account after the OAuth exchange. The token is already in the vault:
 * {@code vaultRef} points to it, the command itself never holds it.
 */
public record ConnectIntegrationCommand(@TargetAggregateIdentifier IntegrationId integrationId, Set<String> scopes,
                                        String vaultRef, Instant at) {

    public ConnectIntegrationCommand {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(at, "at");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an integration is connected with at least one granted scope");
        }
        if (vaultRef == null || vaultRef.isBlank()) {
            throw new IllegalArgumentException("an integration is connected with the vault reference of its token");
        }
    }
}

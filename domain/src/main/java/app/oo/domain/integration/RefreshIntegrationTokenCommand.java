package app.oo.domain.integration;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider token was refreshed into the vault entry {@code vaultRef}; valid until {@code expiresAt} (optional). */
public record RefreshIntegrationTokenCommand(@TargetAggregateIdentifier IntegrationId integrationId, String vaultRef,
                                             Instant expiresAt, Instant at) {
}

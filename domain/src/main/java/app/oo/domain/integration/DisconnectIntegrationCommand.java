package app.oo.domain.integration;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person disconnects the provider: no more syncs or refreshes; the revocation at the provider follows. */
public record DisconnectIntegrationCommand(@TargetAggregateIdentifier IntegrationId integrationId, Instant at) {
}

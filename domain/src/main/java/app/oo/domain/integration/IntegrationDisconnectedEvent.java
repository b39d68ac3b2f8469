package app.oo.domain.integration;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** The person disconnected the provider; whoever holds the token revokes it and sends the revocation. */
public record IntegrationDisconnectedEvent(IntegrationId integrationId, @DataSubject PersonId personId, String provider,
                                           Instant at) {
}

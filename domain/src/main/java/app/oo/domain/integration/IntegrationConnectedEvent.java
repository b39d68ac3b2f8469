package app.oo.domain.integration;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;
import java.util.Set;

/**
 * A provider account was connected. {@code vaultRef} points into the encrypted token vault: the
 * token itself never enters an event.
 */
public record IntegrationConnectedEvent(IntegrationId integrationId, @DataSubject PersonId personId, String provider,
                                        Set<String> scopes, String vaultRef, Instant at) {
}

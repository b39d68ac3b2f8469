package app.oo.domain.integration;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** The provider token was refreshed; the vault entry behind {@code vaultRef} now holds the new one. */
public record IntegrationTokenRefreshedEvent(IntegrationId integrationId, @DataSubject PersonId personId,
                                             String vaultRef, Instant expiresAt, Instant at) {
}

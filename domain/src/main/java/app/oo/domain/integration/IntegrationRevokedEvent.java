package app.oo.domain.integration;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/**
 * The grant was revoked at the provider and the vault entry deleted.
 *
 * @param reason {@code disconnect}, {@code erasure} or {@code provider} (the provider revoked it)
 */
public record IntegrationRevokedEvent(IntegrationId integrationId, @DataSubject PersonId personId, String provider,
                                      String reason, Instant at) {
}

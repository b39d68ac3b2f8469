package app.oo.command.integration;

import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import java.util.Optional;

/**
 * Provider tokens, encrypted at rest. Events and commands carry the vault reference only.
 * One entry per integration: a refresh replaces the tokens behind the same reference.
 */
public interface TokenVault {

    /** @return the vault reference of the integration's entry, the same across refreshes */
    String put(IntegrationId integrationId, ProviderToken token);

    Optional<ProviderToken> get(String vaultRef);

    /** @return whether an entry was deleted */
    boolean delete(String vaultRef);

    /** Every entry of the person (erasure). @return how many were deleted */
    int deleteAllOf(PersonId personId);
}

package app.oo.sagas.erasure;

import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import java.util.List;

/**
 * Where a person's personal data sits outside events, as the erasure saga sees it; implemented in
 * web over command-side's token vault and data keys. Every operation is idempotent. Calls may
 * block on the database: the saga runs them on {@link ErasureStepRunner}'s own threads.
 */
public interface PersonalDataStores {

    /** Every integration the person ever connected (also those already revoked: revoking again is harmless). */
    List<IntegrationId> integrationsOf(PersonId personId);

    /** @return how many vault entries were deleted (0 on a repeat) */
    int deleteVaultTokens(PersonId personId);

    /** Deletes the person's data key, leaving its tombstone (crypto-shredding). @return whether a live key was shredded */
    boolean shredDataKey(PersonId personId);
}

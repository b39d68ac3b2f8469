package app.oo.sagas.erasure;

import app.oo.domain.integration.IntegrationId;
import java.util.concurrent.CompletableFuture;

/**
 * Revokes a person's grant at the provider (for Todoist: its token revocation), implemented in web
 * with the token from the vault. Asynchronous, so no saga thread waits on a provider.
 */
public interface ProviderRevocation {

    /**
     * @return a short detail for the evidence ("revoked at todoist", "no token held"), never a token;
     *         completes exceptionally when the provider could not be reached or refused (then retried)
     */
    CompletableFuture<String> revoke(IntegrationId integrationId);
}

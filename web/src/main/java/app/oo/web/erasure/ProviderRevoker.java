package app.oo.web.erasure;

import app.oo.command.integration.ProviderToken;
import java.util.concurrent.CompletableFuture;

/** One provider's token revocation endpoint (a connector implements it). */
public interface ProviderRevoker {

    /** The provider's name as in integration ids, e.g. {@code todoist}. */
    String provider();

    /** Completes when the provider confirmed the revocation (or said the token was already invalid). */
    CompletableFuture<Void> revoke(ProviderToken token);
}

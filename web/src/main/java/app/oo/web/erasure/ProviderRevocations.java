package app.oo.web.erasure;

import app.oo.command.integration.ProviderToken;
import app.oo.command.integration.TokenVault;
import app.oo.domain.integration.IntegrationId;
import app.oo.sagas.erasure.ProviderRevocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The erasure saga's provider revocation: the token comes from the vault, the call goes to the
 * provider's {@link ProviderRevoker}. With no token left (a replay, or a token already deleted)
 * there is nothing the provider could still honour, and the evidence says so.
 */
@Component
class ProviderRevocations implements ProviderRevocation {

    private final TokenVault vault;
    private final JdbcClient jdbc;
    private final Map<String, ProviderRevoker> revokers;
    private final Executor executor = ForkJoinPool.commonPool();

    ProviderRevocations(TokenVault vault, JdbcClient jdbc, List<ProviderRevoker> revokers) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.revokers = revokers.stream().collect(Collectors.toMap(ProviderRevoker::provider, Function.identity()));
    }

    @Override
    public CompletableFuture<String> revoke(IntegrationId integrationId) {
        return CompletableFuture.supplyAsync(() -> token(integrationId), executor).thenCompose(token -> {
            if (token.isEmpty()) {
                return CompletableFuture.completedFuture("no token held, nothing to revoke at the provider");
            }
            ProviderRevoker revoker = revokers.get(integrationId.provider());
            if (revoker == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("no revocation client for provider '"
                        + integrationId.provider() + "'"));
            }
            return revoker.revoke(token.get()).thenApply(done -> "revoked at " + integrationId.provider());
        });
    }

    private Optional<ProviderToken> token(IntegrationId integrationId) {
        return jdbc.sql("SELECT vault_ref FROM token_vault WHERE integration_id = ?")
                .param(integrationId.value()).query(String.class).optional()
                .flatMap(vault::get);
    }
}

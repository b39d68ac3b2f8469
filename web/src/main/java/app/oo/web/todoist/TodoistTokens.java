package app.oo.web.todoist;

import app.oo.command.integration.ProviderToken;
import app.oo.command.integration.TokenVault;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.RefreshIntegrationTokenCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A Todoist call with the integration's token from the vault: refreshed first when it is about to
 * expire (only tokens with an expiry and a refresh token can be), and once more when Todoist
 * answers 401. A refreshed token goes back into the vault under the same reference; the event
 * says when, never what. When no refresh is possible the {@link TodoistClient.UnauthorizedException}
 * reaches the caller, who marks the integration as needing a new connection.
 */
@Component
public class TodoistTokens {

    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

    private final TokenVault vault;
    private final JdbcClient jdbc;
    private final TodoistClient client;
    private final CommandGateway commands;
    private final Clock clock;

    public TodoistTokens(TokenVault vault, JdbcClient jdbc, TodoistClient client, CommandGateway commands,
                         Clock clock) {
        this.vault = vault;
        this.jdbc = jdbc;
        this.client = client;
        this.commands = commands;
        this.clock = clock;
    }

    /** The vault reference of the integration's token, if the vault holds one. */
    public Optional<String> vaultRef(IntegrationId integration) {
        return jdbc.sql("SELECT vault_ref FROM token_vault WHERE integration_id = ?").param(integration.value())
                .query(String.class).optional();
    }

    public Optional<ProviderToken> token(IntegrationId integration) {
        return vaultRef(integration).flatMap(vault::get);
    }

    /**
     * @throws TodoistClient.UnauthorizedException when Todoist refuses the token and it cannot be refreshed
     * @throws IllegalStateException               when the vault holds no token for the integration
     */
    public <T> T call(IntegrationId integration, Function<ProviderToken, T> call) {
        ProviderToken token = token(integration).orElseThrow(() -> new IllegalStateException(
                "no Todoist token held for " + integration));
        if (token.expiresAt() != null && token.refreshToken() != null
                && token.expiresAt().isBefore(clock.instant().plus(EXPIRY_MARGIN))) {
            token = refresh(integration, token);
        }
        try {
            return call.apply(token);
        } catch (TodoistClient.UnauthorizedException refused) {
            return call.apply(refresh(integration, token));
        }
    }

    private ProviderToken refresh(IntegrationId integration, ProviderToken token) {
        ProviderToken fresh = client.refresh(token);
        String vaultRef = vault.put(integration, fresh);
        commands.sendAndWait(new RefreshIntegrationTokenCommand(integration, vaultRef, fresh.expiresAt(),
                clock.instant()));
        return fresh;
    }
}

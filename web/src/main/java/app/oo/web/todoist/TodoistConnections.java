package app.oo.web.todoist;

import app.oo.command.integration.ProviderToken;
import app.oo.command.integration.TokenVault;
import app.oo.domain.integration.ConnectIntegrationCommand;
import app.oo.domain.integration.DisconnectIntegrationCommand;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.RevokeIntegrationCommand;
import app.oo.domain.person.PersonId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Connecting and disconnecting a person's Todoist. The token goes into the vault only, the command
 * carries its reference; if the connect is refused (no tasks consent, an erased person) the vault
 * entry goes again, so nothing is left behind. A disconnect revokes the token at Todoist, deletes
 * it from the vault, and records the disconnect and the revocation.
 */
@Component
public class TodoistConnections {

    public static final String PROVIDER = "todoist";
    private static final Logger log = LoggerFactory.getLogger(TodoistConnections.class);

    private final TodoistClient client;
    private final TokenVault vault;
    private final TodoistTokens tokens;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final TodoistProperties settings;
    private final ObjectProvider<TodoistRevoker> revoker;
    private final Clock clock;

    public TodoistConnections(TodoistClient client, TokenVault vault, TodoistTokens tokens, CommandGateway commands,
                              JdbcClient jdbc, TodoistProperties settings, ObjectProvider<TodoistRevoker> revoker,
                              Clock clock) {
        this.client = client;
        this.vault = vault;
        this.tokens = tokens;
        this.commands = commands;
        this.jdbc = jdbc;
        this.settings = settings;
        this.revoker = revoker;
        this.clock = clock;
    }

    /** Exchanges the code, seals the token, connects the integration and schedules its first sync. */
    public IntegrationId connect(PersonId person, String code, String codeVerifier, String redirectUri) {
        ProviderToken token = client.exchange(code, codeVerifier, redirectUri);
        IntegrationId integration = IntegrationId.of(person, PROVIDER);
        Instant now = clock.instant();
        String vaultRef = vault.put(integration, token);
        try {
            commands.sendAndWait(new ConnectIntegrationCommand(integration, scopes(), vaultRef, now));
        } catch (RuntimeException refused) {
            vault.delete(vaultRef);
            throw refused;
        }
        jdbc.sql("""
                        INSERT INTO todoist_sync (integration_id, person_id, connected_at, next_sync_at)
                        VALUES (:id, :person, :now, :now)
                        ON CONFLICT (integration_id) DO UPDATE SET connected_at = EXCLUDED.connected_at,
                            next_sync_at = EXCLUDED.next_sync_at, needs_reconnect = FALSE, last_outcome = NULL""")
                .param("id", integration.value())
                .param("person", person.value())
                .param("now", Timestamp.from(now))
                .update();
        return integration;
    }

    /**
     * Revokes at Todoist (a failure there is logged and does not keep the token: oO forgets it either
     * way), deletes the vault entry and the sync state, and records the disconnect and the revocation.
     *
     * @return whether Todoist confirmed the revocation; empty when Todoist was not connected
     */
    public Optional<Boolean> disconnect(PersonId person) {
        IntegrationId integration = IntegrationId.of(person, PROVIDER);
        Optional<String> vaultRef = tokens.vaultRef(integration);
        boolean tracked = jdbc.sql("SELECT count(*) FROM todoist_sync WHERE integration_id = ?")
                .param(integration.value()).query(Long.class).single() > 0;
        if (vaultRef.isEmpty() && !tracked) {
            return Optional.empty();
        }
        boolean revoked = vaultRef.flatMap(vault::get).map(this::revokeAtTodoist).orElse(true);
        vaultRef.ifPresent(vault::delete);
        jdbc.sql("DELETE FROM todoist_sync WHERE integration_id = ?").param(integration.value()).update();
        Instant now = clock.instant();
        commands.sendAndWait(new DisconnectIntegrationCommand(integration, now));
        commands.sendAndWait(new RevokeIntegrationCommand(integration, RevokeIntegrationCommand.DISCONNECT, now));
        return Optional.of(revoked);
    }

    /** How the person's connected Todoist stands: from its sync row, written as the connect completes. */
    public record Status(Instant connectedAt, Instant lastSyncAt, String lastSyncOutcome, boolean needsReconnect) {
    }

    public Optional<Status> status(PersonId person) {
        return jdbc.sql("""
                        SELECT connected_at, last_sync_at, last_outcome, needs_reconnect FROM todoist_sync
                        WHERE integration_id = ?""")
                .param(IntegrationId.of(person, PROVIDER).value())
                .query((rs, n) -> new Status(rs.getTimestamp("connected_at").toInstant(),
                        rs.getTimestamp("last_sync_at") == null ? null : rs.getTimestamp("last_sync_at").toInstant(),
                        rs.getString("last_outcome"), rs.getBoolean("needs_reconnect")))
                .optional();
    }

    /** Whether people can connect Todoist here: the OAuth app is configured. */
    public boolean available() {
        return settings.enabled();
    }

    private boolean revokeAtTodoist(ProviderToken token) {
        TodoistRevoker todoist = revoker.getIfAvailable();
        if (todoist == null) {
            return false;
        }
        try {
            todoist.revoke(token).get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Todoist did not confirm a revocation on disconnect: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    private Set<String> scopes() {
        return Arrays.stream(settings.scope().split("[ ,]+")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
    }
}

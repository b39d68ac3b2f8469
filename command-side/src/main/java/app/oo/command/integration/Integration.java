package app.oo.command.integration;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.oo.command.person.PersonGuard;
import app.oo.domain.integration.ConnectIntegrationCommand;
import app.oo.domain.integration.DisconnectIntegrationCommand;
import app.oo.domain.integration.IntegrationConnectedEvent;
import app.oo.domain.integration.IntegrationDisconnectedEvent;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.IntegrationNotConnectedException;
import app.oo.domain.integration.IntegrationRevokedEvent;
import app.oo.domain.integration.IntegrationTokenRefreshedEvent;
import app.oo.domain.integration.RefreshIntegrationTokenCommand;
import app.oo.domain.integration.RevokeIntegrationCommand;
import app.oo.domain.person.PersonId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One person's connection to one provider. Its events carry the granted scopes and the token vault
 * reference, never a token. Reconnecting after a revocation reuses the same aggregate.
 */
@Aggregate
public class Integration {

    enum State { CONNECTED, DISCONNECTED, REVOKED }

    @AggregateIdentifier
    private IntegrationId integrationId;
    private PersonId personId;
    private String provider;
    private State state;
    private Set<String> scopes;
    private String vaultRef;

    /** For Axon: an event-sourced aggregate is rebuilt from its events onto an empty instance. */
    protected Integration() {
    }

    /** Needs the person's consent to what the provider brings; connecting again with the same grant records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConnectIntegrationCommand command, PersonGuard people) {
        IntegrationId id = command.integrationId();
        people.requireConsent(id.personId(), ProviderConsents.requiredFor(id.provider()));
        if (state == State.CONNECTED && command.scopes().equals(scopes) && command.vaultRef().equals(vaultRef)) {
            return;
        }
        apply(new IntegrationConnectedEvent(id, id.personId(), id.provider(), command.scopes(), command.vaultRef(),
                command.at()));
    }

    @CommandHandler
    public void handle(RefreshIntegrationTokenCommand command, PersonGuard people) {
        people.requireNotErased(personId);
        if (state != State.CONNECTED) {
            throw new IntegrationNotConnectedException(integrationId, describe(), "a token refresh");
        }
        Objects.requireNonNull(command.at(), "at");
        if (command.vaultRef() == null || command.vaultRef().isBlank()) {
            throw new IllegalArgumentException("a refreshed token names its vault reference");
        }
        apply(new IntegrationTokenRefreshedEvent(integrationId, personId, command.vaultRef(), command.expiresAt(),
                command.at()));
    }

    /** Idempotent and open to an erased person: the erasure saga revokes, and may be replayed. */
    @CommandHandler
    public void handle(RevokeIntegrationCommand command) {
        if (state == State.REVOKED) {
            return;
        }
        apply(new IntegrationRevokedEvent(integrationId, personId, provider, command.reason(), command.at()));
    }

    @CommandHandler
    public void handle(DisconnectIntegrationCommand command, PersonGuard people) {
        people.requireNotErased(personId);
        if (state != State.CONNECTED) {
            return;
        }
        apply(new IntegrationDisconnectedEvent(integrationId, personId, provider, command.at()));
    }

    private String describe() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    @EventSourcingHandler
    void on(IntegrationConnectedEvent event) {
        this.integrationId = event.integrationId();
        this.personId = event.personId();
        this.provider = event.provider();
        this.scopes = Set.copyOf(event.scopes());
        this.vaultRef = event.vaultRef();
        this.state = State.CONNECTED;
    }

    @EventSourcingHandler
    void on(IntegrationTokenRefreshedEvent event) {
        this.vaultRef = event.vaultRef();
    }

    @EventSourcingHandler
    void on(IntegrationDisconnectedEvent event) {
        this.state = State.DISCONNECTED;
    }

    @EventSourcingHandler
    void on(IntegrationRevokedEvent event) {
        this.state = State.REVOKED;
        this.vaultRef = null;
    }
}

package app.oo.command.integration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.command.person.PersonGuard;
import app.oo.domain.consent.ConsentMissingException;
import app.oo.domain.consent.ConsentTopic;
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
import app.oo.domain.person.PersonErasedException;
import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntegrationTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Set<String> SCOPES = Set.of("data:read");

    final PersonId ada = PersonId.of("00000000-0000-0000-0000-00000000000a");
    final IntegrationId todoist = IntegrationId.of(ada, "todoist");
    final FakePersonGuard people = new FakePersonGuard();
    FixtureConfiguration<Integration> fixture;

    /** The person's consents and erasure as the person's aggregate would answer. */
    static final class FakePersonGuard implements PersonGuard {
        final Set<ConsentTopic> consents = EnumSet.noneOf(ConsentTopic.class);
        boolean erased;

        @Override
        public void requireConsent(PersonId personId, ConsentTopic topic) {
            requireNotErased(personId);
            if (!consents.contains(topic)) {
                throw new ConsentMissingException(personId, topic);
            }
        }

        @Override
        public void requireNotErased(PersonId personId) {
            if (erased) {
                throw new PersonErasedException(personId);
            }
        }
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Integration.class);
        fixture.registerInjectableResource(people);
        people.consents.add(ConsentTopic.TASKS);
    }

    IntegrationConnectedEvent connected() {
        return new IntegrationConnectedEvent(todoist, ada, "todoist", SCOPES, "vault:1", T0);
    }

    @Test
    void connectsTodoistWithItsScopesAndVaultReference() {
        fixture.givenNoPriorActivity()
                .when(new ConnectIntegrationCommand(todoist, SCOPES, "vault:1", T0))
                .expectEvents(connected());
    }

    @Test
    void rejectsConnectingTodoistWithoutConsentToTasks() {
        people.consents.clear();
        fixture.givenNoPriorActivity()
                .when(new ConnectIntegrationCommand(todoist, SCOPES, "vault:1", T0))
                .expectException(ConsentMissingException.class)
                .expectExceptionMessage("person " + ada + " has not consented to 'tasks'")
                .expectNoEvents();
    }

    @Test
    void rejectsConnectingForAPersonWhoAskedToBeErased() {
        people.erased = true;
        fixture.givenNoPriorActivity()
                .when(new ConnectIntegrationCommand(todoist, SCOPES, "vault:1", T0))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsAnUnknownProvider() {
        fixture.givenNoPriorActivity()
                .when(new ConnectIntegrationCommand(IntegrationId.of(ada, "myspace"), SCOPES, "vault:1", T0))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("unknown provider 'myspace'; known are [todoist]")
                .expectNoEvents();
    }

    @Test
    void connectingAgainWithTheSameGrantRecordsNothing() {
        fixture.given(connected())
                .when(new ConnectIntegrationCommand(todoist, SCOPES, "vault:1", T0.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reconnectsAfterARevocation() {
        fixture.given(connected(), new IntegrationRevokedEvent(todoist, ada, "todoist", "disconnect", T0))
                .when(new ConnectIntegrationCommand(todoist, SCOPES, "vault:2", T0.plusSeconds(60)))
                .expectEvents(new IntegrationConnectedEvent(todoist, ada, "todoist", SCOPES, "vault:2", T0.plusSeconds(60)));
    }

    @Test
    void recordsARefreshedToken() {
        Instant expires = T0.plusSeconds(3600);
        fixture.given(connected())
                .when(new RefreshIntegrationTokenCommand(todoist, "vault:1", expires, T0.plusSeconds(10)))
                .expectEvents(new IntegrationTokenRefreshedEvent(todoist, ada, "vault:1", expires, T0.plusSeconds(10)));
    }

    @Test
    void refusesARefreshOnceDisconnected() {
        fixture.given(connected(), new IntegrationDisconnectedEvent(todoist, ada, "todoist", T0))
                .when(new RefreshIntegrationTokenCommand(todoist, "vault:1", null, T0.plusSeconds(10)))
                .expectException(IntegrationNotConnectedException.class)
                .expectExceptionMessage("integration " + todoist + " is disconnected; a token refresh is refused")
                .expectNoEvents();
    }

    @Test
    void refusesARefreshForAPersonWhoAskedToBeErased() {
        people.erased = true;
        fixture.given(connected())
                .when(new RefreshIntegrationTokenCommand(todoist, "vault:1", null, T0.plusSeconds(10)))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void disconnects() {
        fixture.given(connected())
                .when(new DisconnectIntegrationCommand(todoist, T0.plusSeconds(30)))
                .expectEvents(new IntegrationDisconnectedEvent(todoist, ada, "todoist", T0.plusSeconds(30)));
    }

    @Test
    void disconnectingTwiceRecordsItOnce() {
        fixture.given(connected(), new IntegrationDisconnectedEvent(todoist, ada, "todoist", T0))
                .when(new DisconnectIntegrationCommand(todoist, T0.plusSeconds(30)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokesWithItsReason() {
        fixture.given(connected(), new IntegrationDisconnectedEvent(todoist, ada, "todoist", T0))
                .when(new RevokeIntegrationCommand(todoist, RevokeIntegrationCommand.DISCONNECT, T0.plusSeconds(40)))
                .expectEvents(new IntegrationRevokedEvent(todoist, ada, "todoist", "disconnect", T0.plusSeconds(40)));
    }

    @Test
    void revokesForAnErasedPersonBecauseTheErasureSagaAsksForIt() {
        people.erased = true;
        fixture.given(connected())
                .when(new RevokeIntegrationCommand(todoist, RevokeIntegrationCommand.ERASURE, T0.plusSeconds(40)))
                .expectEvents(new IntegrationRevokedEvent(todoist, ada, "todoist", "erasure", T0.plusSeconds(40)));
    }

    @Test
    void revokingTwiceRecordsItOnceSoTheErasureSagaCanBeReplayed() {
        fixture.given(connected(), new IntegrationRevokedEvent(todoist, ada, "todoist", "erasure", T0))
                .when(new RevokeIntegrationCommand(todoist, RevokeIntegrationCommand.ERASURE, T0.plusSeconds(40)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownRevocationReason() {
        assertThatThrownBy(() -> new RevokeIntegrationCommand(todoist, "boredom", T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'boredom'");
    }
}

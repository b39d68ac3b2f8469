package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.erasure.ErasureAuditView;
import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.ErasuresView;
import app.oo.domain.erasure.FindErasureAuditQuery;
import app.oo.domain.erasure.FindErasuresQuery;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.integration.FindIntegrationsQuery;
import app.oo.domain.integration.IntegrationConnectedEvent;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.IntegrationRevokedEvent;
import app.oo.domain.integration.IntegrationTokenRefreshedEvent;
import app.oo.domain.integration.IntegrationsView;
import app.oo.domain.person.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The integrations view and the erasure audit, fed with the domain's events. */
class IntegrationsAndErasureAuditIT extends ProjectionIntegrationTest {

    @Test
    void anIntegrationIsConnectedRefreshedAndRevokedAndAnOlderEventChangesNothing() {
        PersonId personId = PersonId.random();
        IntegrationId id = IntegrationId.of(personId, "todoist");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS);

        events.publish(new IntegrationConnectedEvent(id, personId, "todoist", Set.of("data:read", "task:add"),
                "vault/1", t0));
        events.publish(new IntegrationTokenRefreshedEvent(id, personId, "vault/2", t0.plus(2, ChronoUnit.HOURS),
                t0.plus(10, ChronoUnit.MINUTES)));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM integration WHERE integration_id = ? AND vault_ref = 'vault/2'", id.toString()) == 1);

        IntegrationsView connected = queries.query(new FindIntegrationsQuery(personId), IntegrationsView.class).join();
        assertThat(connected.integrations()).singleElement().satisfies(e -> {
            assertThat(e.connected()).isTrue();
            assertThat(e.scopes()).containsExactlyInAnyOrder("data:read", "task:add");
            assertThat(e.tokenExpiresAt()).isEqualTo(t0.plus(2, ChronoUnit.HOURS));
        });

        events.publish(new IntegrationRevokedEvent(id, personId, "todoist", "disconnect", t0.plus(20, ChronoUnit.MINUTES)));
        events.publish(new IntegrationConnectedEvent(id, personId, "todoist", Set.of("data:read"), "vault/0",
                t0.minus(1, ChronoUnit.DAYS)));
        events.publish(new IntegrationTokenRefreshedEvent(id, personId, "vault/3", t0.plus(3, ChronoUnit.HOURS),
                t0.plus(30, ChronoUnit.MINUTES)));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("integrations").lagEvents() == 0);

        IntegrationsView revoked = queries.query(new FindIntegrationsQuery(personId), IntegrationsView.class).join();
        assertThat(revoked.integrations()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo("revoked");
            assertThat(e.revokeReason()).isEqualTo("disconnect");
            assertThat(e.vaultRef()).as("neither the older connection nor a refresh after the revocation apply")
                    .isEqualTo("vault/2");
        });
    }

    @Test
    void everyErasureStepIsRecordedAndKeptAfterTheErasure() {
        PersonId personId = PersonId.random();
        UUID erasureId = UUID.randomUUID();
        Instant requested = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        events.publish(new ErasureRequestedEvent(personId, erasureId, "compliance", requested));
        events.publish(new PersonErasedEvent(personId, erasureId, requested.plusSeconds(2)));
        events.publish(new PersonErasedEvent(personId, erasureId, requested.plusSeconds(2)));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM erasure_audit WHERE erasure_id = ?", erasureId) == 2);

        ErasureAuditView audit = queries.query(new FindErasureAuditQuery(personId), ErasureAuditView.class).join();
        assertThat(audit.steps()).extracting(ErasureAuditView.Step::step).containsExactly("requested", "completed");
        assertThat(audit.steps().get(0).detail()).isEqualTo("requested by compliance");
        assertThat(audit.steps().get(1).at()).isEqualTo(requested.plusSeconds(2));

        ErasuresView erasures = queries.query(new FindErasuresQuery(100), ErasuresView.class).join();
        assertThat(erasures.erasures()).filteredOn(e -> e.erasureId().equals(erasureId)).singleElement()
                .satisfies(e -> {
                    assertThat(e.personId()).isEqualTo(personId);
                    assertThat(e.requestedAt()).isEqualTo(requested);
                    assertThat(e.completedAt()).isEqualTo(requested.plusSeconds(2));
                });
        assertThat(count("SELECT count(*) FROM erased_person WHERE person_id = ?", personId.value())).isEqualTo(1);
    }
}

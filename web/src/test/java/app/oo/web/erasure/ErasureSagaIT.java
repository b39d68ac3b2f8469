package app.oo.web.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.command.integration.ProviderToken;
import app.oo.command.integration.TokenVault;
import app.oo.command.privacy.PersonalDataCipher;
import app.oo.domain.erasure.ErasureStepRecordedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.integration.ConnectIntegrationCommand;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.IntegrationRevokedEvent;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonRegisteredEvent;
import app.oo.query.features.PersonFeaturesProjection;
import app.oo.query.tipfeed.TipFeedProjection;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DELETE /api/me runs the erasure saga over the real event store: evidence of every step, the
 * person erased, their rows gone from the views, their key shredded and personal fields redacted;
 * compliance's replay removes what a restore brought back, and replaying twice is harmless.
 */
class ErasureSagaIT extends OoIntegrationTest {

    private static final List<String> STEPS = List.of(ErasureStepRecordedEvent.REVOKE_INTEGRATIONS,
            ErasureStepRecordedEvent.DELETE_VAULT_TOKENS, ErasureStepRecordedEvent.SHRED_DATA_KEY,
            ErasureStepRecordedEvent.PURGE_VIEWS);

    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;
    @Autowired
    TokenVault vault;

    private PersonId personIdOf(OoClient.Person person) {
        return PersonId.of(jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single());
    }

    private long rows(String table, PersonId personId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE person_id = ?").param(personId.value())
                .query(Long.class).single();
    }

    private List<Object> eventsOf(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    /** A person with signals, consents and a connected Todoist, erased through DELETE /api/me. */
    private PersonId erasedPerson() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        assertThat(person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":3,"note":"erase me"}}"""
                .formatted(Instant.now().minusSeconds(60))).status()).isEqualTo(202);
        IntegrationId todoist = IntegrationId.of(personId, "todoist");
        String vaultRef = vault.put(todoist, new ProviderToken("access-secret", "refresh-secret", null));
        commands.sendAndWait(new ConnectIntegrationCommand(todoist, Set.of("data:read"), vaultRef, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> rows("person_signal", personId) == 1
                && rows("consent", personId) > 0);

        assertThat(person.delete("/api/me").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(personId.toString()).stream()
                .anyMatch(PersonErasedEvent.class::isInstance));
        return personId;
    }

    @Test
    void deletingMyAccountRecordsEveryStepAndForgetsThePerson() {
        PersonId personId = erasedPerson();

        List<Object> events = eventsOf(personId.toString());
        List<ErasureStepRecordedEvent> evidence = events.stream().filter(ErasureStepRecordedEvent.class::isInstance)
                .map(ErasureStepRecordedEvent.class::cast).toList();
        assertThat(evidence).extracting(ErasureStepRecordedEvent::step).containsExactlyElementsOf(STEPS);
        assertThat(evidence).allSatisfy(e -> {
            assertThat(e.firstRun()).isTrue();
            assertThat(e.at()).isNotNull();
            assertThat(e.outcome()).isIn(ErasureStepRecordedEvent.DONE, ErasureStepRecordedEvent.INCOMPLETE);
            assertThat(e.detail()).doesNotContain("secret");
        });
        assertThat(evidence.get(0).detail()).contains("todoist");
        assertThat(evidence.get(1).detail()).isEqualTo("1 vault entry deleted");
        assertThat(evidence.get(2).detail()).isEqualTo("data key shredded");
        assertThat(events.get(events.size() - 1)).isInstanceOf(PersonErasedEvent.class);

        assertThat(eventsOf(IntegrationId.of(personId, "todoist").toString()))
                .filteredOn(IntegrationRevokedEvent.class::isInstance)
                .extracting(e -> ((IntegrationRevokedEvent) e).reason()).containsExactly("erasure");
        assertThat(rows("token_vault", personId)).isZero();
        assertThat(jdbc.sql("SELECT wrapped_key IS NULL FROM data_key WHERE person_id = ?").param(personId.value())
                .query(Boolean.class).single()).as("the key is shredded, its tombstone kept").isTrue();
        assertThat(rows("person_signal", personId)).isZero();
        assertThat(rows("consent", personId)).isZero();
        assertThat(rows("tip_feed", personId)).isZero();
        assertThat(events).filteredOn(PersonRegisteredEvent.class::isInstance)
                .extracting(e -> ((PersonRegisteredEvent) e).displayName())
                .containsExactly(PersonalDataCipher.REDACTED);
    }

    @Test
    void aReplayRemovesWhatARestoreBroughtBackAndReplayingTwiceIsHarmless() {
        PersonId personId = erasedPerson();
        // The views drop the person when their processors handle PersonErasedEvent: only once they
        // have is the restore below what the replay alone must remove.
        awaitProcessed(globalIndexOf(personId.toString(), PersonErasedEvent.class), TipFeedProjection.GROUP,
                PersonFeaturesProjection.GROUP);
        UUID restoredTip = UUID.randomUUID();
        Timestamp then = Timestamp.from(Instant.now().minusSeconds(3600));
        jdbc.sql("""
                INSERT INTO tip_feed (tip_id, person_id, text, kind, category, policy, issued_at)
                VALUES (?, ?, 'restored tip', 'advice', 'movement', 'lin-ts', ?)""")
                .params(restoredTip, personId.value(), then).update();
        jdbc.sql("""
                INSERT INTO person_signal (signal_id, person_id, source, type, value, occurred_at, recorded_at)
                VALUES (?, ?, 'mood', 'checkin', 3, ?, ?)""")
                .params(UUID.randomUUID(), personId.value(), then, then).update();
        OoClient.Person compliance = client().signIn("compliance", "oo-demo-password");

        OoClient.Response replay = compliance.post("/admin/api/erasures/" + personId + "/replay", "");

        assertThat(replay.status()).isEqualTo(200);
        JsonNode body = replay.json();
        assertThat(body.path("replayId").asText()).isNotBlank().isNotEqualTo(body.path("erasureId").asText());
        assertThat(body.path("steps").findValuesAsText("step")).containsExactlyElementsOf(STEPS);
        assertThat(body.path("steps").get(3).path("detail").asText()).isEqualTo("2 view rows deleted");
        assertThat(rows("tip_feed", personId)).isZero();
        assertThat(rows("person_signal", personId)).isZero();

        OoClient.Response again = compliance.post("/admin/api/erasures/" + personId + "/replay", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("steps").get(3).path("detail").asText()).isEqualTo("0 view rows deleted");
        assertThat(again.json().path("steps").get(2).path("detail").asText()).contains("already shredded");

        JsonNode erasures = compliance.get("/admin/api/erasures").json().path("erasures");
        JsonNode mine = null;
        for (JsonNode e : erasures) {
            if (e.path("personId").asText().equals(personId.toString())) {
                mine = e;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("status").asText()).isEqualTo("erased");
        assertThat(mine.path("evidence").findValuesAsText("replay")).containsOnly("false", "true");
        assertThat(mine.path("evidence").size()).isEqualTo(3 * STEPS.size());
        assertThat(eventsOf(personId.toString())).filteredOn(PersonErasedEvent.class::isInstance).hasSize(1);
    }

    @Test
    void replayIsForComplianceOnly() {
        OoClient.Person person = newPerson();
        assertThat(person.post("/admin/api/erasures/replay-all", "").status()).isEqualTo(403);
    }
}

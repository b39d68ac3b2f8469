package app.oo.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.command.privacy.DataKeys;
import app.oo.command.privacy.PersonalDataCipher;
import app.oo.domain.person.PersonId;
import app.oo.domain.signal.HabitPayload;
import app.oo.domain.signal.MoodPayload;
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.RecordSignalsCommand;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.SignalPayload;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.signal.TaskPayload;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Personal fields never reach the database in plain text, and deleting the person's key leaves
 * every event readable, with the personal values redacted: loads and replays go on working.
 */
class CryptoShreddingIT extends OoIntegrationTest {

    @Autowired
    DataKeys dataKeys;
    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;
    @Autowired
    @Qualifier("personCache")
    Cache personCache;

    @Test
    void personalFieldsAreStoredSealedAndReadRedactedOnceTheKeyIsShredded() {
        OoClient.Person person = newPerson();
        PersonId personId = PersonId.of(jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single());
        String marker = "mk" + UUID.randomUUID().toString().replace("-", "");
        String occurredAt = Instant.now().minus(1, ChronoUnit.HOURS).toString();

        assertThat(person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":2,"note":"%s note"}}"""
                .formatted(occurredAt, marker)).status()).isEqualTo(202);
        assertThat(person.post("/api/signals", """
                {"source":"tasks","type":"overdue","occurredAt":"%s","payload":{"due":"2026-11-20","project":"%s project"}}"""
                .formatted(occurredAt, marker)).status()).isEqualTo(202);
        List<RecordSignalCommand> habits = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) { // past one snapshot (every 2,000 events)
            habits.add(new RecordSignalCommand(personId, SignalId.random(), "checkin", Instant.now().minusSeconds(60),
                    new HabitPayload(marker + " habit " + i, i), null, Instant.now()));
        }
        commands.sendAndWait(new RecordSignalsCommand(personId, habits));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM person_signal WHERE person_id = ?").param(personId.value())
                .query(Long.class).single() == 2_102);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?").param(personId.toString())
                .query(Long.class).single() > 0);

        assertThat(tablesHolding(personId.toString())).as("the scan finds what is there in plain text")
                .contains("domainevententry", "snapshotevententry");
        assertThat(tablesHolding(marker)).as("tables holding the marker in plain text").isEmpty();
        assertThat(tablesHolding(PersonalDataCipher.PREFIX)).contains("domainevententry");

        dataKeys.shred(personId);
        personCache.remove(personId.toString());

        assertThat(person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":4,"note":"%s after"}}"""
                .formatted(occurredAt, marker)).status()).as("the person's aggregate loads from the store").isEqualTo(202);
        assertThat(tablesHolding(marker)).isEmpty();

        List<SignalPayload> payloads = eventStore.readEvents(personId.toString(), 0).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(SignalRecordedEvent.class::isInstance)
                .map(e -> ((SignalRecordedEvent) e).payload())
                .toList();
        assertThat(payloads).hasSize(2_103);
        assertThat(payloads).filteredOn(MoodPayload.class::isInstance).extracting(p -> ((MoodPayload) p).note())
                .containsOnly(PersonalDataCipher.REDACTED);
        assertThat(payloads).filteredOn(TaskPayload.class::isInstance).extracting(p -> ((TaskPayload) p).project())
                .containsExactly(PersonalDataCipher.REDACTED);
        assertThat(payloads).filteredOn(HabitPayload.class::isInstance).hasSize(2_100)
                .allSatisfy(p -> assertThat(((HabitPayload) p).habit()).isEqualTo(PersonalDataCipher.REDACTED));
        assertThat(payloads).filteredOn(MoodPayload.class::isInstance).extracting(p -> ((MoodPayload) p).score())
                .containsExactly(2, 4);

        long replayed = 0;
        try (BlockingStream<TrackedEventMessage<?>> all = eventStore.openStream(null)) {
            while (all.hasNextAvailable()) {
                Object payload = all.nextAvailable().getPayload();
                assertThat(payload.toString()).doesNotContain(marker);
                replayed++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(replayed).isGreaterThanOrEqualTo(2_103);
    }
}

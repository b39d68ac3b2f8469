package app.oo.command.person;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.command.privacy.CryptoShreddingSerializer;
import app.oo.command.privacy.DataKeys;
import app.oo.command.privacy.JdbcDataKeys;
import app.oo.command.privacy.MasterKey;
import app.oo.command.testing.TestDatabase;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.consent.GrantConsentCommand;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.RegisterPersonCommand;
import app.oo.domain.signal.HabitPayload;
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.RecordSignalsCommand;
import app.oo.domain.signal.SignalId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Without a fixture: Axon's own configuration, the JDBC event store on a real PostgreSQL and the
 * crypto-shredding serializer for events and snapshots, with a spy on the storage engine counting
 * what a load reads. No aggregate cache, so every command loads the person from the store.
 */
class PersonSnapshotTest {

    static final int SIGNALS = 10_000;
    static final int BATCH = 100;
    static final int SNAPSHOT_EVERY = 500;
    /** Events after the last snapshot, so that the load reads some. */
    static final int TAIL = 50;
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    /** Counts the events and snapshots a load reads, and where its event stream starts. */
    static final class CountingEngine extends JdbcEventStorageEngine {
        final AtomicLong eventsRead = new AtomicLong();
        final AtomicLong snapshotsRead = new AtomicLong();
        volatile long firstSequenceNumber = -1;

        CountingEngine(Builder builder) {
            super(builder);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            this.firstSequenceNumber = firstSequenceNumber;
            DomainEventStream events = super.readEvents(aggregateIdentifier, firstSequenceNumber);
            return DomainEventStream.of(events.asStream().peek(e -> eventsRead.incrementAndGet()),
                    events::getLastSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
            snapshot.ifPresent(s -> snapshotsRead.incrementAndGet());
            return snapshot;
        }

        void reset() {
            eventsRead.set(0);
            snapshotsRead.set(0);
            firstSequenceNumber = -1;
        }
    }

    Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void aPersonWithTenThousandSignalsLoadsFromItsLatestSnapshotNotFromAllItsEvents() {
        DataKeys keys = new JdbcDataKeys(JdbcClient.create(TestDatabase.dataSource()),
                new JdbcTransactionManager(TestDatabase.dataSource()),
                MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]), "oo.crypto.master-key"),
                Clock.systemUTC(), Duration.ofMinutes(5), 1000);
        CryptoShreddingSerializer serializer = CryptoShreddingSerializer.create(new ObjectMapper()
                        .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS),
                new AnnotationRevisionResolver(), getClass().getClassLoader(), keys);
        CountingEngine engine = new CountingEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(TestDatabase.dataSource()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer));
        // No module lookup: the Axon Server connector on the classpath would otherwise route the commands.
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Person.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                SNAPSHOT_EVERY)))
                .buildConfiguration();
        axon.start();
        CommandGateway commands = axon.commandGateway();

        PersonId personId = PersonId.random();
        commands.sendAndWait(new RegisterPersonCommand(personId, "Ada", T0));
        commands.sendAndWait(new GrantConsentCommand(personId, ConsentTopic.HABITS, "signup", "2026-11", T0));
        List<SignalId> firstIds = new ArrayList<>();
        for (int b = 0; b < SIGNALS / BATCH; b++) {
            List<RecordSignalCommand> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                batch.add(new RecordSignalCommand(personId, SignalId.random(), "checkin", T0.plusSeconds(n),
                        new HabitPayload("snapshot-marker " + n, n), "client-" + n, T0.plusSeconds(n)));
            }
            List<SignalId> ids = commands.sendAndWait(new RecordSignalsCommand(personId, batch));
            if (b == 0) {
                firstIds.addAll(ids);
            }
        }
        List<RecordSignalCommand> tail = new ArrayList<>();
        for (int n = SIGNALS; n < SIGNALS + TAIL; n++) {
            tail.add(new RecordSignalCommand(personId, SignalId.random(), "checkin", T0.plusSeconds(n),
                    new HabitPayload("snapshot-marker " + n, n), null, T0.plusSeconds(n)));
        }
        commands.sendAndWait(new RecordSignalsCommand(personId, tail));
        long lastSequence = engine.lastSequenceNumberFor(personId.toString()).orElseThrow();
        assertThat(lastSequence).isEqualTo(SIGNALS + TAIL + 1);
        Long snapshotAt = JdbcClient.create(TestDatabase.dataSource())
                .sql("SELECT max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?")
                .param(personId.toString()).query(Long.class).single();
        assertThat(snapshotAt).as("latest snapshot").isGreaterThan(lastSequence - SNAPSHOT_EVERY - BATCH);

        engine.reset();
        long started = System.nanoTime();
        SignalId answered = commands.sendAndWait(new RecordSignalCommand(personId, SignalId.random(), "checkin", T0,
                new HabitPayload("retry", 5), "client-5", T0));
        long loadMicros = (System.nanoTime() - started) / 1000;

        assertThat(answered).as("the dedup state survives the snapshot").isEqualTo(firstIds.get(5));
        assertThat(engine.snapshotsRead.get()).isEqualTo(1);
        assertThat(engine.firstSequenceNumber).isEqualTo(snapshotAt + 1);
        assertThat(engine.eventsRead.get()).isLessThanOrEqualTo(SNAPSHOT_EVERY + BATCH)
                .isEqualTo(lastSequence - snapshotAt)
                .isGreaterThanOrEqualTo(TAIL);

        long replayed = 0;
        long replayMicros = 0;
        for (int pass = 0; pass < 2; pass++) {
            long replayStarted = System.nanoTime();
            replayed = engine.readEvents(personId.toString(), 0).asStream().map(DomainEventMessage::getPayload).count();
            replayMicros = (System.nanoTime() - replayStarted) / 1000;
        }
        assertThat(replayed).isEqualTo(lastSequence + 1);
        System.out.printf("person with %d events: load from snapshot at %d read %d events in %d us; "
                + "full replay (second pass) of %d events through the serializer took %d us%n", lastSequence + 1, snapshotAt,
                lastSequence - snapshotAt, loadMicros, replayed, replayMicros);
    }
}

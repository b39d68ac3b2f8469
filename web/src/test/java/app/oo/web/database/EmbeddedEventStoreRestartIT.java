package app.oo.web.database;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonRegisteredEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The embedded default keeps its data directory: a restart keeps every event. */
class EmbeddedEventStoreRestartIT {

    @Test
    void eventsWrittenBeforeARestartAreReadAfterIt() throws Exception {
        Path dataDir = Files.createTempDirectory("oo-restart-");
        PersonId personId = PersonId.random();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir)) {
            JdbcEventStorageEngine store = eventStore(first);
            store.appendEvents(List.of(
                    new GenericDomainEventMessage<>("Person", personId.toString(), 0,
                            new PersonRegisteredEvent(personId, "Ada", at))));
        }

        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDir)) {
            List<? extends DomainEventMessage<?>> events = eventStore(second)
                    .readEvents(personId.toString()).asStream().toList();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getPayload()).isEqualTo(new PersonRegisteredEvent(personId, "Ada", at));
        }
    }

    private static JdbcEventStorageEngine eventStore(EmbeddedPostgresServer server) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(server.jdbcUrl());
        dataSource.setUser("postgres");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
                .build();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }
}

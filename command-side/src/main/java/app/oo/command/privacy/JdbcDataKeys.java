package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data keys in the {@code data_key} table, wrapped by the master key, unwrapped keys cached.
 *
 * <p>A new key is committed in its own transaction before anything is sealed with it: were it
 * created inside the event append and that append rolled back, a cached key that never reached the
 * table could seal later events, which would be unreadable after a restart.
 */
public class JdbcDataKeys implements DataKeys {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final MasterKey masterKey;
    private final Clock clock;
    private final Cache<PersonId, Optional<DataKey>> bySubject;
    private final Cache<UUID, Optional<DataKey>> byId;

    public JdbcDataKeys(JdbcClient jdbc, PlatformTransactionManager transactions, MasterKey masterKey, Clock clock,
                        Duration cacheTtl, int cacheSize) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.masterKey = masterKey;
        this.clock = clock;
        this.bySubject = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
        this.byId = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
    }

    @Override
    public Optional<DataKey> forSubject(PersonId personId) {
        return bySubject.get(personId, this::loadOrCreate);
    }

    @Override
    public Optional<DataKey> byId(UUID keyId) {
        return byId.get(keyId, this::loadById);
    }

    @Override
    public void shred(PersonId personId) {
        jdbc.sql("""
                        INSERT INTO data_key (person_id, key_id, wrapped_key, created_at, shredded_at)
                        VALUES (:person, :keyId, NULL, :now, :now)
                        ON CONFLICT (person_id) DO UPDATE
                        SET wrapped_key = NULL, shredded_at = COALESCE(data_key.shredded_at, EXCLUDED.shredded_at)""")
                .param("person", personId.value())
                .param("keyId", UUID.randomUUID())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        bySubject.invalidate(personId);
        byId.asMap().entrySet().removeIf(e -> e.getValue().map(k -> k.personId().equals(personId)).orElse(false));
    }

    private Optional<DataKey> loadOrCreate(PersonId personId) {
        return ownTransaction.execute(status -> {
            Optional<Row> row = find(personId);
            if (row.isEmpty()) {
                DataKey created = new DataKey(UUID.randomUUID(), personId, AesGcm.newKey());
                jdbc.sql("""
                                INSERT INTO data_key (person_id, key_id, wrapped_key, created_at)
                                VALUES (:person, :keyId, :wrapped, :now)
                                ON CONFLICT (person_id) DO NOTHING""")
                        .param("person", personId.value())
                        .param("keyId", created.keyId())
                        .param("wrapped", masterKey.wrap(created))
                        .param("now", Timestamp.from(clock.instant()))
                        .update();
                row = find(personId);
            }
            return row.flatMap(this::unwrap);
        });
    }

    private Optional<DataKey> loadById(UUID keyId) {
        return jdbc.sql("SELECT person_id, key_id, wrapped_key FROM data_key WHERE key_id = :keyId")
                .param("keyId", keyId)
                .query((rs, n) -> new Row(rs.getObject("person_id", UUID.class), rs.getObject("key_id", UUID.class),
                        rs.getBytes("wrapped_key")))
                .optional()
                .flatMap(this::unwrap);
    }

    private Optional<Row> find(PersonId personId) {
        return jdbc.sql("SELECT person_id, key_id, wrapped_key FROM data_key WHERE person_id = :person")
                .param("person", personId.value())
                .query((rs, n) -> new Row(rs.getObject("person_id", UUID.class), rs.getObject("key_id", UUID.class),
                        rs.getBytes("wrapped_key")))
                .optional();
    }

    private Optional<DataKey> unwrap(Row row) {
        if (row.wrapped() == null) {
            return Optional.empty();
        }
        return Optional.of(masterKey.unwrap(row.keyId(), new PersonId(row.personId()), row.wrapped()));
    }

    private record Row(UUID personId, UUID keyId, byte[] wrapped) {
    }
}

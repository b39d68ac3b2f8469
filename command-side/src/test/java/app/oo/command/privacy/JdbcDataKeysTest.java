package app.oo.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.command.testing.TestDatabase;
import app.oo.domain.person.PersonId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The data keys against a real PostgreSQL. */
class JdbcDataKeysTest {

    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    final MasterKey master = MasterKey.fromBase64(Base64.getEncoder().encodeToString(AesGcm.newKey().getEncoded()),
            "oo.crypto.master-key");
    final Clock clock = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);

    JdbcDataKeys keys() {
        return new JdbcDataKeys(jdbc, new JdbcTransactionManager(TestDatabase.dataSource()), master, clock,
                Duration.ofMinutes(5), 1000);
    }

    @Test
    void createsOneKeyPerPersonOnFirstUseAndStoresItOnlyWrapped() {
        PersonId ada = PersonId.random();
        DataKey key = keys().forSubject(ada).orElseThrow();

        assertThat(keys().forSubject(ada).orElseThrow().keyId()).isEqualTo(key.keyId());
        byte[] stored = jdbc.sql("SELECT wrapped_key FROM data_key WHERE person_id = ?").param(ada.value())
                .query(byte[].class).single();
        assertThat(stored).isNotEqualTo(key.key().getEncoded()).hasSize(AesGcm.NONCE_BYTES + 32 + 16);
    }

    @Test
    void aNewInstanceReadsTheSameKeyBackFromTheTable() {
        PersonId ada = PersonId.random();
        DataKey key = keys().forSubject(ada).orElseThrow();

        DataKey again = keys().byId(key.keyId()).orElseThrow();

        assertThat(again.key().getEncoded()).isEqualTo(key.key().getEncoded());
        assertThat(again.personId()).isEqualTo(ada);
    }

    @Test
    void shreddingDeletesTheKeyMaterialForGood() {
        PersonId ada = PersonId.random();
        JdbcDataKeys keys = keys();
        DataKey key = keys.forSubject(ada).orElseThrow();

        keys.shred(ada);

        assertThat(keys.byId(key.keyId())).isEmpty();
        assertThat(keys.forSubject(ada)).as("no new key for an erased person").isEmpty();
        assertThat(keys().byId(key.keyId())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM data_key WHERE person_id = ? AND wrapped_key IS NULL "
                + "AND shredded_at IS NOT NULL").param(ada.value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shreddingAPersonWithoutKeyLeavesATombstone() {
        PersonId ada = PersonId.random();

        keys().shred(ada);
        keys().shred(ada);

        assertThat(keys().forSubject(ada)).isEmpty();
    }

    @Test
    void concurrentFirstUsesAgreeOnOneKey() throws Exception {
        PersonId ada = PersonId.random();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<DataKey>> calls = IntStream.range(0, 8)
                    .<Callable<DataKey>>mapToObj(i -> () -> keys().forSubject(ada).orElseThrow()).toList();
            Set<UUID> ids = new HashSet<>();
            for (Future<DataKey> f : pool.invokeAll(calls)) {
                ids.add(f.get().keyId());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aKeyCreatedInsideARolledBackTransactionSurvives() {
        PersonId ada = PersonId.random();
        JdbcTransactionManager transactions = new JdbcTransactionManager(TestDatabase.dataSource());
        JdbcDataKeys keys = keys();
        TransactionTemplate outer = new TransactionTemplate(transactions);

        DataKey key = outer.execute(status -> {
            DataKey created = keys.forSubject(ada).orElseThrow();
            status.setRollbackOnly();
            return created;
        });

        assertThat(keys().byId(key.keyId())).isPresent();
    }
}

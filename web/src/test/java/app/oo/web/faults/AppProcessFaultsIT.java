package app.oo.web.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.web.OoClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults that take the app's own process or its database away: the packaged app runs as a child
 * process on a PostgreSQL of this test's own, so the test can restart the database under it and
 * kill it with SIGKILL. (The shared test context cannot be killed, and restarting its database
 * would disturb every other test.) ml/serving is {@link StalledMlServing}: a tip saga waiting on
 * {@code /generate} stays in flight as long as the test needs.
 */
class AppProcessFaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first run's deadlines outlast the test's kill: the saga must still be waiting when it dies. */
    private static final String[] PATIENT = {"--oo.tips.deadline=5m", "--oo.ml.call-timeout=5m",
            "--oo.recommend.wait-for=2s"};

    private static Path root;
    private static RestartablePostgres postgres;
    private static StalledMlServing ml;
    private static AppProcess app;

    @BeforeAll
    static void startApp() throws IOException {
        // Under the system temp directory: as root the embedded PostgreSQL runs as nobody.
        root = Files.createTempDirectory("oo-faults-");
        root.toFile().setExecutable(true, false);
        postgres = new RestartablePostgres(root);
        postgres.start();
        ml = new StalledMlServing();
        app = new AppProcess(root.resolve("app"), postgres.jdbcUrl(), ml.url());
        app.start(PATIENT);
    }

    @AfterAll
    static void stopApp() {
        try (RestartablePostgres db = postgres; StalledMlServing m = ml; AppProcess a = app) {
            // closed in reverse order: the app, ml/serving, then the database
        } finally {
            deleteTree(root);
        }
    }

    private static OoClient client() {
        return new OoClient(app.baseUrl());
    }

    @Test
    void signalsAcceptedWhilePostgresRestartsAreStoredAndViewedExactlyOnce() throws Exception {
        List<OoClient.Person> persons = List.of(client().signUpAndSignIn("f" + System.nanoTime()),
                client().signUpAndSignIn("f" + System.nanoTime()));
        Map<String, String> acceptedBy = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger acceptedAfterRestart = new AtomicInteger();
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> streams = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            OoClient.Person person = persons.get(i % 2);
            streams.add(CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    try {
                        OoClient.Response response = person.post("/api/signals", """
                                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":3},
                                 "clientId":"%s"}""".formatted(Instant.now().minusSeconds(5), UUID.randomUUID()));
                        if (response.status() == 202) {
                            acceptedBy.put(response.json().path("signalId").asText(), person.username());
                            if (restarted.get()) {
                                acceptedAfterRestart.incrementAndGet();
                            }
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (UncheckedIOException e) {
                        refused.incrementAndGet();
                    }
                }
            }, clients));
        }
        try {
            await("signals before the restart").atMost(Duration.ofSeconds(90)).until(() -> acceptedBy.size() >= 20);
            postgres.restart(Duration.ofSeconds(3));
            restarted.set(true);
            await("signals accepted after the restart, the app recovering by itself")
                    .atMost(Duration.ofSeconds(120)).until(() -> acceptedAfterRestart.get() >= 20);
        } finally {
            stop.set(true);
            CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).join();
            clients.shutdown();
        }

        Map<String, Integer> stored = new HashMap<>();
        for (OoClient.Person person : persons) {
            String personId = personId(person.username());
            for (String payload : strings("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                    + "WHERE aggregateidentifier = ? AND payloadtype = 'app.oo.domain.signal.SignalRecordedEvent'",
                    personId)) {
                String signalId = JSON.readTree(payload).path("signalId").asText();
                stored.merge(signalId, 1, Integer::sum);
            }
        }
        assertThat(acceptedBy.keySet()).as("every signal answered 202 is in the event store")
                .allSatisfy(id -> assertThat(stored.get(id)).as("events of signal " + id).isEqualTo(1));
        assertThat(stored.values()).as("no signal recorded twice").allMatch(n -> n == 1);
        await("the view holds every recorded signal once").atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> {
                    List<String> viewed = new ArrayList<>();
                    for (OoClient.Person person : persons) {
                        viewed.addAll(strings("SELECT signal_id::text FROM person_signal WHERE person_id = ?::uuid",
                                personId(person.username())));
                    }
                    assertThat(viewed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored.keySet());
                });
        assertThat(app.isAlive()).isTrue();
    }

    @Test
    void killedInTheMiddleOfATipAndOfAnErasureBothFinishAfterARestart() throws Exception {
        OoClient.Person asker = client().signUpAndSignIn("t" + System.nanoTime());
        OoClient.Person leaver = client().signUpAndSignIn("e" + System.nanoTime());
        String askerId = personId(asker.username());
        String leaverId = personId(leaver.username());
        int generateCallsBefore = ml.generateCalls();

        CompletableFuture.runAsync(() -> asker.post("/recommend", "")).exceptionally(gone -> null);
        await("the tip saga waiting on ml/serving").atMost(Duration.ofSeconds(90))
                .until(() -> ml.generateCalls() > generateCallsBefore);
        String tipId = JSON.readTree(single("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = 'app.oo.domain.tip.TipRequestedEvent'", askerId))
                .path("tipId").asText();
        assertThat(tipId).isNotBlank();

        try (Connection lock = connect()) {
            // The erasure's first step reads the token vault: it waits on this lock, in flight.
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE token_vault IN ACCESS EXCLUSIVE MODE");
            }
            assertThat(leaver.delete("/api/me").status()).isEqualTo(202);
            await("the erasure saga waiting on its step").atMost(Duration.ofSeconds(90)).until(() -> count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE ?",
                    "%token_vault%") > 0);
            assertThat(count("SELECT count(*) FROM associationvalueentry WHERE associationkey = 'personId' "
                    + "AND associationvalue = ? AND sagatype = 'app.oo.sagas.erasure.ErasureSaga'", leaverId))
                    .isEqualTo(1);

            app.kill();
            lock.rollback();
        }
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", tipId))
                .as("no tip issued before the kill").isZero();

        app.start("--oo.tips.deadline=3s");

        await("the requested tip issued after the restart").atMost(Duration.ofSeconds(120)).until(() -> count(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype = 'app.oo.domain.tip.TipIssuedEvent'", tipId) == 1);
        JsonNode tip = JSON.readTree(single("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ?", tipId));
        assertThat(tip.path("decision").path("policy").asText()).as("ml/serving never answered").isEqualTo("fallback");
        await("the tip saga ended").atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM associationvalueentry WHERE associationvalue = ?", tipId) == 0);

        await("the erasure finished after the restart").atMost(Duration.ofSeconds(120)).until(() -> count(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype = 'app.oo.domain.erasure.PersonErasedEvent'", leaverId) == 1);
        List<String> steps = new ArrayList<>();
        for (String evidence : strings("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype = 'app.oo.domain.erasure.ErasureStepRecordedEvent' "
                + "ORDER BY sequencenumber", leaverId)) {
            steps.add(JSON.readTree(evidence).path("step").asText());
        }
        assertThat(steps).as("evidence: the restart, then every step")
                .containsSubsequence("resume", "revoke-integrations", "delete-vault-tokens", "shred-data-key",
                        "purge-views");
        assertThat(count("SELECT count(*) FROM person_signal WHERE person_id = ?::uuid", leaverId)).isZero();
    }

    private static String personId(String username) throws SQLException {
        return single("SELECT person_id::text FROM account WHERE username = ?", username);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
    }

    private static List<String> strings(String sql, String param) throws SQLException {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, param);
            try (ResultSet rows = statement.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        }
    }

    private static String single(String sql, String param) throws SQLException {
        List<String> values = strings(sql, param);
        assertThat(values).as(sql).hasSize(1);
        return values.get(0);
    }

    private static long count(String sql, String param) throws SQLException {
        return Long.parseLong(single(sql, param));
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}

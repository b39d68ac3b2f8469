package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.person.PersonId;
import app.oo.query.platform.ProjectionLag;
import app.oo.web.OoClient;
import app.oo.web.database.EmbeddedPostgresServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * Rebuilds through the admin API: a rebuilt view equals the live one row for row, an as-of
 * snapshot holds exactly the events up to its instant (and ml/pipelines reads it), requests are
 * checked, and the projections list their position, lag and status.
 */
class ProjectionRebuildIT extends ProjectionIntegrationTest {

    private static final List<String> PROJECTIONS = List.of("person-features", "tip-feed", "decision-log",
            "consents", "integrations", "erasure-audit");

    @Autowired
    EmbeddedPostgresServer postgres;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyRebuiltViewEqualsTheLiveOneRowForRow() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        assertThat(person.post("/api/signals/batch", """
                [{"source":"tasks","type":"created","occurredAt":"%1$s","payload":{"taskRef":"a","due":"2026-11-20"}},
                 {"source":"calendar","type":"busy","occurredAt":"%1$s","payload":{"start":"%1$s","end":"%2$s","category":"focus"}}]"""
                .formatted(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(600))).status()).isEqualTo(202);
        String tipId = person.post("/recommend", "").json().path("tip").path("id").asText();
        assertThat(person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"dismissed\"}").status())
                .isEqualTo(202);
        OoClient.Person analyst = newAnalyst();
        awaitQuiet();
        String personRowsBefore = rowsOf(personId);

        for (String projection : PROJECTIONS) {
            JsonNode done = rebuildThroughApi(analyst, projection, "{\"verify\":true}");

            assertThat(done.path("mode").asText()).isEqualTo("swap");
            assertThat(done.path("eventsDone").asLong()).isEqualTo(done.path("eventsTotal").asLong()).isPositive();
            assertThat(done.path("eventsPerSecond").asDouble()).isPositive();
            assertThat(done.path("differences")).as(projection + ": " + done).isNotEmpty().allSatisfy(table -> {
                assertThat(table.path("comparable").asBoolean()).as(table.toString()).isTrue();
                assertThat(table.path("onlyInLive").asLong()).as(table.toString()).isZero();
                assertThat(table.path("onlyInRebuilt").asLong()).as(table.toString()).isZero();
            });
            assertThat(status(projection).status()).isEqualTo("running");
        }
        assertThat(rowsOf(personId)).isEqualTo(personRowsBefore);
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_rebuild'")).isZero();
        assertThat(count("SELECT count(*) FROM tokenentry WHERE processorname LIKE '%.rebuild'")).isZero();
        assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'person_signal'")
                .query(String.class).list()).as("Flyway's index names survive the swap")
                .contains("person_signal_pkey", "person_signal_person_occurred_idx", "person_signal_busy_idx");

        assertThat(person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":4}}""".formatted(Instant.now()))
                .status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM person_signal WHERE person_id = ? AND source = 'mood'", personId.value()) == 1);
    }

    /**
     * The bulk read stops at the head of its snapshot; an event whose transaction was still open
     * then has a lower global index than that head. The token handed over names it as a gap, so
     * the event reaches the swapped-in view when it commits, after the rebuild.
     */
    @Test
    void anEventCommittedIntoAGapAfterTheBulkReadStillReachesTheSwappedView() throws Exception {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        postMood(person, 2);
        awaitQuiet();
        OoClient.Person analyst = newAnalyst();
        String lateSignal = UUID.randomUUID().toString();

        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            try (PreparedStatement insert = late.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                      payload, payloadrevision, payloadtype, timestamp)
                    SELECT ?, 0, type, ?, metadata,
                      convert_to(regexp_replace(convert_from(payload, 'UTF8'), '"signalId":"[^"]+"',
                                                '"signalId":"' || ? || '"'), 'UTF8'),
                      payloadrevision, payloadtype, timestamp
                    FROM domainevententry WHERE aggregateidentifier = ?
                      AND payloadtype = 'app.oo.domain.signal.SignalRecordedEvent' LIMIT 1""")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, lateSignal);
                insert.setString(4, personId.toString());
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            postMood(person, 4);
            await().atMost(Duration.ofSeconds(30)).until(() -> count(
                    "SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value()) == 2);

            JsonNode done = rebuildThroughApi(analyst, "person-features", "{}");

            assertThat(done.path("state").asText()).isEqualTo("done");
            assertThat(count("SELECT count(*) FROM person_signal WHERE signal_id = ?::uuid", lateSignal)).isZero();
            late.commit();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM person_signal WHERE signal_id = ?::uuid", lateSignal) == 1);
        assertThat(count("SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value())).isEqualTo(3);
    }

    @Test
    void anAsOfSnapshotHoldsExactlyTheEventsUpToItsInstantAndMlPipelinesReadsIt() throws Exception {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        postMood(person, 2);
        postMood(person, 3);
        String tipId = person.post("/recommend", "").json().path("tip").path("id").asText();
        assertThat(person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"done\"}").status())
                .isEqualTo(202);
        awaitQuiet();
        Instant asOf = Instant.now();
        Thread.sleep(20);
        postMood(person, 5);
        awaitQuiet();
        OoClient.Person analyst = newAnalyst();
        String schema = "asof_" + System.nanoTime();

        JsonNode features = rebuildThroughApi(analyst, "person-features",
                "{\"asOf\":\"%s\",\"snapshot\":\"%s\"}".formatted(asOf, schema));
        JsonNode decisions = rebuildThroughApi(analyst, "decision-log",
                "{\"asOf\":\"%s\",\"snapshot\":\"%s\"}".formatted(asOf, schema));

        assertThat(features.path("mode").asText()).isEqualTo("snapshot");
        assertThat(features.path("snapshot").asText()).isEqualTo(schema);
        assertThat(count("SELECT count(*) FROM " + schema + ".person_signal WHERE person_id = ?", personId.value()))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value()))
                .as("the live view keeps serving, with every event").isEqualTo(3);
        assertThat(new HashSet<>(jdbc.sql("SELECT signal_id::text FROM " + schema + ".person_signal")
                .query(String.class).list()))
                .as("every signal recorded up to the instant, of persons not erased, and no other")
                .isEqualTo(signalsRecordedUpTo(asOf));
        assertThat(count("SELECT count(*) FROM " + schema + ".decision_log WHERE tip_id = ?::uuid", tipId))
                .isEqualTo(1);
        assertThat(decisions.path("state").asText()).isEqualTo("done");

        Path out = Files.createTempFile(Path.of("target"), "decision-log-", ".jsonl");
        Process export = new ProcessBuilder("/usr/bin/python3", "-m", "pipelines.export_log",
                "--dsn", "postgresql://postgres@localhost:" + postgres.port() + "/postgres",
                "--schema", schema, "--out", out.toAbsolutePath().toString(), "--no-progress")
                .directory(Path.of("../ml").toFile()).redirectErrorStream(true).start();
        String output = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(export.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(export.exitValue()).as(output).isZero();
        assertThat(Files.readAllLines(out)).hasSize((int) count("SELECT count(*) FROM " + schema + ".decision_log"));
    }

    @Test
    void theAdminApiListsProjectionsAndChecksEveryRequest() {
        OoClient.Person analyst = newAnalyst();
        OoClient.Person person = newPerson();

        OoClient.Response list = analyst.get("/admin/api/projections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("head").asLong()).isPositive();
        assertThat(list.json().path("projections").findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(
                PROJECTIONS);
        list.json().path("projections").forEach(p -> {
            assertThat(p.path("status").asText()).isEqualTo("running");
            assertThat(p.path("lagEvents").asLong()).isNotNegative();
            assertThat(p.path("segments").asInt()).isPositive();
            assertThat(p.path("tables").isArray()).isTrue();
        });
        assertThat(analyst.get("/admin/api/projections/tip-feed").json().path("tables").get(0).asText())
                .isEqualTo("tip_feed");

        assertThat(person.get("/admin/api/projections").status()).as("persons are not analysts").isEqualTo(403);
        assertThat(analyst.get("/admin/api/projections/nope").status()).isEqualTo(404);
        assertThat(analyst.post("/admin/api/projections/nope/rebuilds", "{}").status()).isEqualTo(404);
        OoClient.Response asOfAlone = analyst.post("/admin/api/projections/consents/rebuilds",
                "{\"asOf\":\"2026-01-01T00:00:00Z\"}");
        assertThat(asOfAlone.status()).isEqualTo(400);
        assertThat(asOfAlone.json().path("field").asText()).isEqualTo("asOf");
        OoClient.Response badSchema = analyst.post("/admin/api/projections/consents/rebuilds",
                "{\"snapshot\":\"public\"}");
        assertThat(badSchema.status()).isEqualTo(400);
        assertThat(badSchema.json().path("field").asText()).isEqualTo("snapshot");
        assertThat(analyst.get("/admin/api/projections/consents/rebuilds/not-a-uuid").status()).isEqualTo(400);
        assertThat(analyst.get("/admin/api/projections/consents/rebuilds/" + java.util.UUID.randomUUID()).status())
                .isEqualTo(404);

        OoClient.Response first = analyst.post("/admin/api/projections/person-features/rebuilds", "{}");
        OoClient.Response second = analyst.post("/admin/api/projections/person-features/rebuilds", "{}");
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).as("one rebuild per projection at a time").isEqualTo(409);
        String id = first.json().path("rebuildId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> analyst.get(
                "/admin/api/projections/person-features/rebuilds/" + id).json().path("state").asText().equals("done"));
    }

    @Test
    void theCommandLineListsAndRebuildsWithProgress() throws Exception {
        OoClient.Person analyst = newAnalyst();

        CommandResult list = ooAdmin(analyst, "projections", "list");
        CommandResult rebuild = ooAdmin(analyst, "projections", "rebuild", "consents", "--verify");
        CommandResult refused = ooAdmin(analyst, "projections", "rebuild", "consents", "--as-of",
                "2026-01-01T00:00:00Z");

        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).contains("person-features", "decision-log", "erasure-audit", "running");
        assertThat(rebuild.exit()).as(rebuild.output()).isZero();
        assertThat(rebuild.output()).contains("consents", "done", "events/s", "rows equal");
        assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("asOf");
    }

    /**
     * Spring Boot's test support turns metric exporters off (the Prometheus endpoint answers 404 in
     * this context, and turning it on would start a second context), so this checks the meters the
     * endpoint renders as {@code oo_projection_lag_seconds_*}; docs/benchmarks shows the endpoint.
     */
    @Test
    void projectionLagIsAMetricPerProcessingGroup() {
        OoClient.Person person = newPerson();
        postMood(person, 3);
        awaitQuiet();

        for (String group : PROJECTIONS) {
            assertThat(meters.find(ProjectionLag.METRIC).tag("group", group).timer()).as(group).isNotNull();
        }
        Timer features = meters.find(ProjectionLag.METRIC).tag("group", "person-features").timer();
        assertThat(features.count()).isPositive();
        assertThat(features.max(TimeUnit.SECONDS)).isLessThan(30);
        assertThat(features.takeSnapshot().percentileValues()).extracting(v -> v.percentile())
                .containsExactly(0.5, 0.95, 0.99);
        assertThat(meters.find(ProjectionLag.METRIC).tag("group", "consents").timer().count())
                .as("sign-up consents were handled").isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void docsApiAdminProjectionsDescribesWhatTheAppServes() throws IOException {
        Map<String, Object> spec;
        try (var in = Files.newInputStream(Path.of("../docs/api/admin-projections.yaml"))) {
            spec = new Yaml().load(in);
        }
        Set<String> documented = new java.util.TreeSet<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, operations) -> operations.keySet()
                .stream().filter(m -> !m.equals("parameters"))
                .forEach(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        Set<String> served = new java.util.TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/admin/api/projections"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + p))));
        assertThat(served).isEqualTo(documented);

        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components"))
                .get("schemas");
        for (Class<? extends Record> type : List.of(app.oo.domain.projection.ProjectionsView.class,
                app.oo.domain.projection.ProjectionStatus.class, app.oo.domain.projection.RebuildView.class,
                app.oo.web.admin.ProjectionAdminController.RebuildRequest.class,
                app.oo.domain.projection.DeadLetterQueuesView.class, app.oo.domain.projection.DeadLettersView.class, app.oo.domain.projection.DeadLetterView.class,
                app.oo.domain.projection.DeadLetterRetryView.class,
                app.oo.web.admin.ProjectionAdminController.RetryRequest.class)) {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas
                    .get(type.getSimpleName())).get("properties");
            assertThat(new java.util.TreeSet<>(properties.keySet())).as(type.getSimpleName())
                    .isEqualTo(new java.util.TreeSet<>(java.util.Arrays.stream(type.getRecordComponents())
                            .map(java.lang.reflect.RecordComponent::getName).toList()));
        }
    }

    private record CommandResult(int exit, String output) {
    }

    private CommandResult ooAdmin(OoClient.Person analyst, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/python3", "../infra/bin/oo-admin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("OO_URL", "http://localhost:" + port);
        env.put("OO_TOKEN", analyst.token());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new CommandResult(process.exitValue(), output);
    }

    private void postMood(OoClient.Person person, int score) {
        assertThat(person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":%d}}"""
                .formatted(Instant.now().minusSeconds(60), score)).status()).isEqualTo(202);
    }

    /** The signal ids the event store recorded up to the instant, of persons not erased. */
    private Set<String> signalsRecordedUpTo(Instant asOf) {
        Set<String> erased = new HashSet<>(jdbc.sql("SELECT person_id::text FROM erased_person")
                .query(String.class).list());
        Set<String> ids = new HashSet<>();
        jdbc.sql("SELECT convert_from(payload, 'UTF8') AS payload, timestamp FROM domainevententry"
                        + " WHERE payloadtype = 'app.oo.domain.signal.SignalRecordedEvent'")
                .query((rs, n) -> Map.entry(rs.getString(1), Instant.parse(rs.getString(2))))
                .list().forEach(e -> {
                    if (!e.getValue().isAfter(asOf)) {
                        try {
                            JsonNode payload = json.readTree(e.getKey());
                            if (!erased.contains(payload.path("personId").asText())) {
                                ids.add(payload.path("signalId").asText());
                            }
                        } catch (IOException ex) {
                            throw new IllegalStateException(ex);
                        }
                    }
                });
        return ids;
    }

    private String rowsOf(PersonId personId) {
        return String.join("\n", jdbc.sql("""
                SELECT t FROM (
                  SELECT row_to_json(s)::text AS t FROM person_signal s WHERE person_id = :p
                  UNION ALL SELECT row_to_json(f)::text FROM tip_feed f WHERE person_id = :p
                  UNION ALL SELECT row_to_json(c)::text FROM consent c WHERE person_id = :p
                  UNION ALL SELECT row_to_json(r)::text FROM person_tip_reaction r WHERE person_id = :p
                ) rows ORDER BY t""").param("p", personId.value()).query(String.class).list());
    }
}

package app.oo.web.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.timing.TimingDecisionEntry;
import app.oo.domain.tip.FindTipHistoryQuery;
import app.oo.domain.tip.TipHistoryResponse;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.identity.Role;
import app.oo.web.identity.SignUp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * Timed tips over the whole app: preferences through the API arm the schedule, and the poller,
 * run at chosen instants instead of waiting for the wall clock, issues a tip at a due morning,
 * holds back in quiet hours and at the daily cap, logs every decision, and never decides one
 * moment twice when two pollers run at once. Erasure drops the person's timing rows.
 */
class TimingIT extends OoIntegrationTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final String PREFERENCES = """
            {"timeZone":"Europe/Amsterdam","quietStart":"22:00","quietEnd":"07:00","dailyCap":%d,
             "morningAt":"08:00","triggers":["morning","busy-block-end","task-overdue"],"minGapMinutes":0}""";

    @Autowired
    TimingPoller poller;

    @Autowired
    QueryGateway queries;

    @Autowired
    PersonKeys personKeys;

    @Autowired
    SignUp signUp;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void aDueMorningBringsATipAMomentInQuietHoursWaitsAndTheCapHolds() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant morning = setPreferences(person, personId, 1);
        LocalDate day = LocalDate.ofInstant(morning, AMSTERDAM);
        Instant tenOClock = local(day, "10:00");
        Instant lateEvening = local(day, "23:30");
        busyBlockEndingAt(person, tenOClock);
        busyBlockEndingAt(person, lateEvening);
        await().atMost(Duration.ofSeconds(20)).until(() -> moments(personId, "busy-block-end") == 2);

        assertThat(poller.runDueFor(personId, morning)).isEqualTo(1);
        Map<String, Object> issued = lastDecision(personId);
        assertThat(issued).containsEntry("outcome", "issue").containsEntry("reason", "morning");
        UUID tipId = (UUID) issued.get("tip_id");
        assertThat(tipId).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.query(new FindTipHistoryQuery(personId, 10),
                TipHistoryResponse.class).join().tips().stream().anyMatch(t -> t.id().value().equals(tipId)));
        assertThat(dueAt(personId, "morning")).as("the next morning is armed")
                .isEqualTo(local(day.plusDays(1), "08:00"));

        assertThat(poller.runDueFor(personId, tenOClock)).isEqualTo(1);
        assertThat(lastDecision(personId)).containsEntry("outcome", "not-now")
                .containsEntry("reason", "daily cap reached");

        assertThat(poller.runDueFor(personId, lateEvening)).isEqualTo(1);
        assertThat(lastDecision(personId)).containsEntry("outcome", "not-now").containsEntry("reason", "quiet hours");
        assertThat(moments(personId, "busy-block-end")).as("the quiet moment waits, the capped one is spent")
                .isEqualTo(1);
        assertThat(dueAt(personId, "busy-block-end")).isEqualTo(local(day.plusDays(1), "07:00"));
        assertThat(poller.runDueFor(personId, lateEvening)).as("nothing is due twice").isZero();

        JsonNode own = person.get("/api/me/timing/decisions").json().path("decisions");
        assertThat(own).hasSize(3);
        assertThat(List.of(own.get(0).path("reason").asText(), own.get(1).path("reason").asText(),
                own.get(2).path("reason").asText())).containsExactly("quiet hours", "daily cap reached", "morning");
        assertThat(own.get(2).path("tipId").asText()).isEqualTo(tipId.toString());
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%TipRequestedEvent'").param(personId.toString())
                .query(Long.class).single()).as("one tip requested, by the morning").isEqualTo(1);
    }

    @Test
    void aTaskTurningOverdueAtMidnightWaitsForTheQuietHoursToEndAndACompletionDisarmsIt() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant morning = setPreferences(person, personId, 3);
        LocalDate due = LocalDate.ofInstant(morning, AMSTERDAM);
        task(person, "created", "t-late", due);
        task(person, "created", "t-done", due);
        await().atMost(Duration.ofSeconds(20)).until(() -> moments(personId, "task-overdue") == 2);
        Instant midnight = local(due.plusDays(1), "00:00");
        assertThat(dueAt(personId, "task-overdue")).isEqualTo(midnight);

        task(person, "completed", "t-done", due);
        await().atMost(Duration.ofSeconds(20)).until(() -> moments(personId, "task-overdue") == 1);

        assertThat(poller.runDueFor(personId, midnight)).as("the task and the long-passed morning").isEqualTo(2);
        assertThat(lastDecision(personId, "morning")).containsEntry("reason", "moment passed");
        assertThat(lastDecision(personId, "task-overdue")).containsEntry("outcome", "not-now")
                .containsEntry("reason", "quiet hours");
        Instant quietEnd = local(due.plusDays(1), "07:00");
        assertThat(dueAt(personId, "task-overdue")).isEqualTo(quietEnd);

        assertThat(poller.runDueFor(personId, quietEnd)).isEqualTo(1);
        assertThat(lastDecision(personId, "task-overdue")).containsEntry("outcome", "issue")
                .containsEntry("reason", "task-overdue");
        assertThat(moments(personId, "task-overdue")).isZero();
        assertThat(jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND payloadtype LIKE '%TipRequestedEvent'").param(personId.toString())
                .query(String.class).single()).contains("\"timed:task-overdue\"");
    }

    @Test
    void twoPollersAtOnceDecideEachMomentOnce() throws Exception {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant morning = setPreferences(person, personId, 1);
        LocalDate day = LocalDate.ofInstant(morning, AMSTERDAM);
        for (String end : List.of("14:00", "14:10", "14:20", "14:30")) {
            busyBlockEndingAt(person, local(day, end));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> moments(personId, "busy-block-end") == 4);
        Instant afternoon = local(day, "14:30");

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> poller.runDueFor(personId, afternoon));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> poller.runDueFor(personId, afternoon));

        assertThat(first.get() + second.get()).as("the morning (long passed by now) and four block ends")
                .isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM timing_decision WHERE person_id = ?").param(personId.value())
                .query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM timing_decision WHERE person_id = ? AND outcome = 'issue'")
                .param(personId.value()).query(Long.class).single()).as("the cap of one holds across both").isEqualTo(1);
    }

    @Test
    void preferencesDefaultThenFollowThePersonAndBadOnesAreRefusedNamingTheField() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        JsonNode defaults = person.get("/api/me/timing").json();
        assertThat(defaults.path("custom").asBoolean()).isFalse();
        assertThat(defaults.path("quietStart").asText()).isEqualTo("22:00");
        assertThat(defaults.path("triggers")).hasSize(3);

        for (String[] bad : List.of(
                new String[] {"\"timeZone\":\"Europe/Amsterdam\"", "\"timeZone\":\"Mars/Olympus\"", "timeZone"},
                new String[] {"\"quietStart\":\"22:00\"", "\"quietStart\":\"25:00\"", "quietStart"},
                new String[] {"\"dailyCap\":%d", "\"dailyCap\":99", "dailyCap"},
                new String[] {"\"minGapMinutes\":0", "\"minGapMinutes\":-5", "minGapMinutes"},
                new String[] {"\"morning\",", "\"sunset\",", "triggers[0]"})) {
            OoClient.Response refused = person.put("/api/me/timing", PREFERENCES.replace(bad[0], bad[1]).formatted(2));
            assertThat(refused.status()).as(bad[1]).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("field").asText()).isEqualTo(bad[2]);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%TimingPreferencesSetEvent'").param(personId.toString())
                .query(Long.class).single()).as("nothing stored").isZero();

        setPreferences(person, personId, 2);
        JsonNode set = person.get("/api/me/timing").json();
        assertThat(set.path("custom").asBoolean()).isTrue();
        assertThat(set.path("timeZone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(set.path("dailyCap").asInt()).isEqualTo(2);
    }

    @Test
    void analystsReadDecisionsByPseudonymousKeyAndPersonsCannot() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant morning = setPreferences(person, personId, 0);
        assertThat(poller.runDueFor(personId, morning)).isEqualTo(1);
        String key = personKeys.of(personId);

        String username = "ta" + System.nanoTime();
        signUp.staff(username, OoClient.PASSWORD, Role.ANALYST);
        OoClient client = client();
        OoClient.Person analyst = new OoClient.Person(username, client.token(client.browser(), username), client);

        JsonNode decisions = analyst.get("/admin/api/timing/decisions?personKey=" + key + "&from="
                + morning.minusSeconds(1) + "&to=" + morning.plusSeconds(1)).json().path("decisions");
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).path("personKey").asText()).isEqualTo(key);
        assertThat(decisions.get(0).path("reason").asText()).isEqualTo("daily cap reached");
        assertThat(decisions.toString()).doesNotContain(personId.toString());
        assertThat(analyst.get("/admin/api/timing/decisions?personKey=" + key + "&from=" + morning.plusSeconds(1))
                .json().path("decisions")).isEmpty();

        OoClient.Response badKey = analyst.get("/admin/api/timing/decisions?personKey=" + personId);
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().path("field").asText()).isEqualTo("personKey");
        assertThat(analyst.get("/admin/api/timing/decisions?from=yesterday").json().path("field").asText())
                .isEqualTo("from");
        assertThat(person.get("/admin/api/timing/decisions").status()).isEqualTo(403);
    }

    @Test
    void erasureDropsThePersonsTimingRows() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant morning = setPreferences(person, personId, 0);
        assertThat(poller.runDueFor(personId, morning)).isEqualTo(1);
        assertThat(timingRows(personId)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

        assertThat(person.delete("/api/me").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(timingRows(personId))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero()));
        assertThat(poller.runDueFor(personId, morning.plus(Duration.ofDays(2)))).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServedAnalystApiMatchesDocsApiAdminTiming() throws IOException {
        Map<String, Object> spec;
        try (InputStream in = Files.newInputStream(Path.of("../docs/api/admin-timing.yaml"))) {
            spec = new Yaml().load(in);
        }
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, operations) -> operations.keySet()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/admin/api/timing"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + p))));
        assertThat(served).isEqualTo(documented);

        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                spec.get("components")).get("schemas")).get("TimingDecision");
        assertThat(new TreeSet<>(((Map<String, Object>) schema.get("properties")).keySet())).isEqualTo(
                new TreeSet<>(Arrays.stream(TimingDecisionEntry.class.getRecordComponents())
                        .map(RecordComponent::getName).toList()));
    }

    /** Sets the preferences and waits until the morning in Amsterdam is armed; @return that morning */
    private Instant setPreferences(OoClient.Person person, PersonId personId, int dailyCap) {
        OoClient.Response saved = person.put("/api/me/timing", PREFERENCES.formatted(dailyCap));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        Instant setAt = Instant.parse(saved.json().path("setAt").asText());
        LocalDate day = LocalDate.ofInstant(setAt, AMSTERDAM);
        Instant today = local(day, "08:00");
        Instant morning = today.isAfter(setAt) ? today : local(day.plusDays(1), "08:00");
        await().atMost(Duration.ofSeconds(20)).until(() -> morning.equals(dueAt(personId, "morning")));
        return morning;
    }

    private void busyBlockEndingAt(OoClient.Person person, Instant end) {
        OoClient.Response recorded = person.post("/api/signals", """
                {"source":"calendar","type":"busy","occurredAt":"%s","payload":{"start":"%s","end":"%s","category":"meeting"}}"""
                .formatted(Instant.now(), end.minus(Duration.ofHours(1)), end));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(202);
    }

    private void task(OoClient.Person person, String type, String ref, LocalDate due) {
        OoClient.Response recorded = person.post("/api/signals", """
                {"source":"tasks","type":"%s","occurredAt":"%s","payload":{"taskRef":"%s","due":"%s"}}"""
                .formatted(type, Instant.now(), ref, due));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(202);
    }

    private static Instant local(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(AMSTERDAM).toInstant();
    }

    private long moments(PersonId personId, String trigger) {
        return jdbc.sql("SELECT count(*) FROM timing_schedule WHERE person_id = ? AND trigger_name = ?")
                .param(personId.value()).param(trigger).query(Long.class).single();
    }

    private Instant dueAt(PersonId personId, String trigger) {
        List<OffsetDateTime> due = jdbc.sql("SELECT due_at FROM timing_schedule WHERE person_id = ? AND trigger_name = ?"
                        + " ORDER BY due_at").param(personId.value()).param(trigger)
                .query(OffsetDateTime.class).list();
        return due.isEmpty() ? null : due.get(0).toInstant();
    }

    private Map<String, Object> lastDecision(PersonId personId) {
        return jdbc.sql("SELECT outcome, reason, tip_id FROM timing_decision WHERE person_id = ?"
                        + " ORDER BY decided_at DESC LIMIT 1").param(personId.value()).query().singleRow();
    }

    private Map<String, Object> lastDecision(PersonId personId, String trigger) {
        return jdbc.sql("SELECT outcome, reason, tip_id FROM timing_decision WHERE person_id = ? AND trigger_name = ?"
                        + " ORDER BY decided_at DESC LIMIT 1").param(personId.value()).param(trigger).query().singleRow();
    }

    private Map<String, Long> timingRows(PersonId personId) {
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        for (String table : new ArrayList<>(List.of("timing_preferences", "timing_schedule", "timing_decision"))) {
            rows.put(table, jdbc.sql("SELECT count(*) FROM " + table + " WHERE person_id = ?")
                    .param(personId.value()).query(Long.class).single());
        }
        return rows;
    }

    private PersonId personIdOf(OoClient.Person person) {
        return PersonId.of(jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single());
    }
}

package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.person.PersonId;
import app.oo.web.OoClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A poison event: a real projection handler fails on one person's event because the view refuses
 * the row (a trigger on the view table, installed for that person only, plays a constraint the
 * data violates). The event goes to the projection's dead-letter queue, the person's later events
 * queue behind it, other persons' events are projected, the admin API lists the letters, and once
 * the cause is gone a retry through the API projects them and empties the person's sequence.
 */
class DeadLetterIT extends ProjectionIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aConsentTheViewRefusesIsDeadLetteredOthersFlowOnAndARetryProjectsIt() throws Exception {
        OoClient.Person poisoned = newPerson();
        OoClient.Person other = newPerson();
        OoClient.Person analyst = newAnalyst();
        PersonId poisonedId = personIdOf(poisoned);
        PersonId otherId = personIdOf(other);
        await().atMost(WAIT).until(() -> granted(poisonedId, "mood") == Boolean.TRUE
                && granted(otherId, "mood") == Boolean.TRUE);

        String trigger = refuseRowsOf("consent", poisonedId);
        try {
            assertThat(poisoned.put("/api/consents/mood", "{\"granted\":false}").status()).isEqualTo(200);
            assertThat(poisoned.put("/api/consents/calendar", "{\"granted\":false}").status()).isEqualTo(200);
            assertThat(other.put("/api/consents/mood", "{\"granted\":false}").status()).isEqualTo(200);

            await().atMost(WAIT).until(() -> lettersOf(analyst, "consents", poisonedId).size() == 2);
            await().atMost(WAIT).until(() -> granted(otherId, "mood") == Boolean.FALSE);
            List<JsonNode> letters = lettersOf(analyst, "consents", poisonedId);
            JsonNode failed = letters.get(0);
            assertThat(failed.path("eventType").asText()).isEqualTo("ConsentRevokedEvent");
            assertThat(failed.path("globalIndex").isNumber()).isTrue();
            assertThat(failed.path("causeType").asText()).isEqualTo("org.postgresql.util.PSQLException");
            assertThat(failed.path("cause").asText()).contains("SQLState 23514", "table consent",
                    "constraint oo_poison").doesNotContain("poisoned view row");
            assertThat(failed.path("retries").asLong()).isZero();
            assertThat(letters.get(1).path("sequenceIndex").asLong())
                    .isGreaterThan(failed.path("sequenceIndex").asLong());
            assertThat(letters.get(1).path("causeType").isNull()).as("queued behind the failed one").isTrue();
            assertThat(granted(poisonedId, "mood")).as("the poison event is not in the view").isTrue();
            assertThat(status("consents").status()).as("the processor keeps running").isEqualTo("running");
            assertThat(storedPayloadOf(failed.path("eventId").asText()))
                    .as("the letter holds the event exactly as the store does")
                    .isEqualTo(eventStorePayloadOf(failed.path("eventId").asText()));

            CommandResult listed = ooAdmin(analyst, "projections", "dead-letters", "consents", "--limit", "1000");
            assertThat(listed.exit()).as(listed.output()).isZero();
            assertThat(listed.output()).contains(poisonedId.toString(), "ConsentRevokedEvent", "queued behind");

            OoClient.Response stillFailing = analyst.post("/admin/api/projections/consents/dead-letters/retries",
                    "{\"sequenceId\":\"" + poisonedId + "\"}");
            assertThat(stillFailing.status()).as(stillFailing.body()).isEqualTo(200);
            assertThat(stillFailing.json().path("sequencesCleared").asLong()).isZero();
            assertThat(lettersOf(analyst, "consents", poisonedId)).hasSize(2)
                    .first().satisfies(letter -> assertThat(letter.path("retries").asLong()).isEqualTo(1));
        } finally {
            dropTrigger(trigger, "consent");
        }

        OoClient.Response retried = analyst.post("/admin/api/projections/consents/dead-letters/retries",
                "{\"sequenceId\":\"" + poisonedId + "\"}");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("sequencesRetried").asLong()).isEqualTo(1);
        assertThat(retried.json().path("sequencesCleared").asLong()).isEqualTo(1);
        assertThat(lettersOf(analyst, "consents", poisonedId)).isEmpty();
        assertThat(granted(poisonedId, "mood")).isFalse();
        assertThat(granted(poisonedId, "calendar")).isFalse();
    }

    @Test
    void aSignalTheFeatureViewRefusesLeavesItsBatchAndKeepsItsNoteSealedInTheQueue() {
        OoClient.Person poisoned = newPerson();
        OoClient.Person other = newPerson();
        OoClient.Person analyst = newAnalyst();
        PersonId poisonedId = personIdOf(poisoned);
        PersonId otherId = personIdOf(other);
        String note = "dead-letter-note-" + System.nanoTime();

        String trigger = refuseRowsOf("person_signal", poisonedId);
        try {
            postMood(poisoned, 2, note);
            postMood(other, 4, null);
            postMood(poisoned, 3, null);

            await().atMost(WAIT).until(() -> lettersOf(analyst, "person-features", poisonedId).size() == 2);
            await().atMost(WAIT).until(() -> signals(otherId) == 1);
            assertThat(signals(poisonedId)).isZero();
            JsonNode failed = lettersOf(analyst, "person-features", poisonedId).get(0);
            assertThat(failed.path("eventType").asText()).isEqualTo("SignalRecordedEvent");
            assertThat(failed.path("cause").asText()).contains("table person_signal");
            byte[] stored = storedPayloadOf(failed.path("eventId").asText());
            assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain(note);
            assertThat(stored).isEqualTo(eventStorePayloadOf(failed.path("eventId").asText()));
            assertThat(count("SELECT count(*) FROM deadletterentry WHERE convert_from(payload, 'UTF8') LIKE ?"
                    + " OR causemessage LIKE ?", "%" + note + "%", "%" + note + "%")).isZero();
        } finally {
            dropTrigger(trigger, "person_signal");
        }

        OoClient.Response retried = analyst.post("/admin/api/projections/person-features/dead-letters/retries", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().path("sequencesCleared").asLong()).isPositive();
        assertThat(lettersOf(analyst, "person-features", poisonedId)).isEmpty();
        assertThat(signals(poisonedId)).isEqualTo(2);
    }

    @Test
    void anEvictedLetterLeavesTheQueueAndUnknownNamesAnswer404() {
        OoClient.Person poisoned = newPerson();
        OoClient.Person analyst = newAnalyst();
        PersonId poisonedId = personIdOf(poisoned);
        await().atMost(WAIT).until(() -> granted(poisonedId, "habits") == Boolean.TRUE);
        String trigger = refuseRowsOf("consent", poisonedId);
        try {
            assertThat(poisoned.put("/api/consents/habits", "{\"granted\":false}").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> lettersOf(analyst, "consents", poisonedId).size() == 1);
        } finally {
            dropTrigger(trigger, "consent");
        }
        String id = lettersOf(analyst, "consents", poisonedId).get(0).path("deadLetterId").asText();

        assertThat(analyst.delete("/admin/api/projections/consents/dead-letters/" + id).status()).isEqualTo(204);
        assertThat(lettersOf(analyst, "consents", poisonedId)).isEmpty();
        assertThat(granted(poisonedId, "habits")).as("an evicted event stays missing").isTrue();
        assertThat(analyst.delete("/admin/api/projections/consents/dead-letters/" + id).status()).isEqualTo(404);
        // a later decision overwrites the hole, so the view equals the store again for whoever rebuilds it
        java.time.OffsetDateTime regranted = java.time.OffsetDateTime.now();
        assertThat(poisoned.put("/api/consents/habits", "{\"granted\":true}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM consent WHERE person_id = ? AND topic = 'habits'"
                + " AND changed_at >= ?", poisonedId.value(), regranted) == 1);
        assertThat(analyst.get("/admin/api/projections/no-such/dead-letters").status()).isEqualTo(404);
        List<String> queues = new ArrayList<>();
        analyst.get("/admin/api/projections/dead-letters").json().path("queues")
                .forEach(q -> queues.add(q.path("projection").asText()));
        assertThat(queues).as("every query-side processing group has a queue").containsExactlyInAnyOrder(
                "person-features", "tip-feed", "decision-log", "consents", "integrations", "erasure-audit", "timing");
        assertThat(analyst.get("/admin/api/projections/timing/dead-letters").status()).isEqualTo(200);
        assertThat(analyst.post("/admin/api/projections/no-such/dead-letters/retries", "").status()).isEqualTo(404);
        OoClient.Response badLimit = analyst.get("/admin/api/projections/consents/dead-letters?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("field").asText()).isEqualTo("limit");
        OoClient.Response badSequence = analyst.post("/admin/api/projections/consents/dead-letters/retries",
                "{\"sequenceId\":\" \"}");
        assertThat(badSequence.status()).isEqualTo(400);
        assertThat(badSequence.json().path("field").asText()).isEqualTo("sequenceId");
    }

    private record CommandResult(int exit, String output) {
    }

    private CommandResult ooAdmin(OoClient.Person analyst, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "../infra/bin/oo-admin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OO_URL", "http://localhost:" + port);
        builder.environment().put("OO_TOKEN", analyst.token());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new CommandResult(process.exitValue(), output);
    }

    /** A trigger that refuses every row of the person in the view table, as a violated constraint would. */
    private String refuseRowsOf(String table, PersonId person) {
        String name = "oo_poison_" + System.nanoTime();
        jdbc.sql("""
                CREATE FUNCTION %1$s() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                  IF NEW.person_id = '%2$s' THEN
                    RAISE EXCEPTION 'poisoned view row' USING ERRCODE = 'check_violation',
                      CONSTRAINT = '%1$s', TABLE = '%3$s';
                  END IF;
                  RETURN NEW;
                END $f$""".formatted(name, person.value(), table)).update();
        jdbc.sql("CREATE TRIGGER %1$s BEFORE INSERT OR UPDATE ON %2$s FOR EACH ROW EXECUTE FUNCTION %1$s()"
                .formatted(name, table)).update();
        return name;
    }

    private void dropTrigger(String name, String table) {
        jdbc.sql("DROP TRIGGER IF EXISTS %s ON %s".formatted(name, table)).update();
        jdbc.sql("DROP FUNCTION IF EXISTS %s()".formatted(name)).update();
    }

    private static List<JsonNode> lettersOf(OoClient.Person analyst, String projection, PersonId person) {
        OoClient.Response response = analyst.get("/admin/api/projections/" + projection + "/dead-letters?limit=1000");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        response.json().path("deadLetters").forEach(letter -> {
            if (letter.path("sequenceId").asText().equals(person.toString())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private Boolean granted(PersonId person, String topic) {
        return jdbc.sql("SELECT granted FROM consent WHERE person_id = ? AND topic = ?")
                .param(person.value()).param(topic).query(Boolean.class).optional().orElse(null);
    }

    private long signals(PersonId person) {
        return count("SELECT count(*) FROM person_signal WHERE person_id = ?", person.value());
    }

    private byte[] storedPayloadOf(String eventId) {
        return jdbc.sql("SELECT payload FROM deadletterentry WHERE eventidentifier = ?").param(eventId)
                .query(byte[].class).single();
    }

    private byte[] eventStorePayloadOf(String eventId) {
        return jdbc.sql("SELECT payload FROM domainevententry WHERE eventidentifier = ?").param(eventId)
                .query(byte[].class).single();
    }

    private static void postMood(OoClient.Person person, int score, String note) {
        String payload = note == null ? "{\"score\":%d}".formatted(score)
                : "{\"score\":%d,\"note\":\"%s\"}".formatted(score, note);
        OoClient.Response response = person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":%s}"""
                .formatted(Instant.now().minusSeconds(60), payload));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }
}

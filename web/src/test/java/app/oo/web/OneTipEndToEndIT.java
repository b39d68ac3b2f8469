package app.oo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton's one path, all real: a person signs in on the app's authorization server,
 * sends a signal, asks for a tip (tip saga → feature view → ml/serving /generate and /rank over
 * HTTP → TipIssuedEvent → tip feed), sees it, and reacts to it.
 */
class OneTipEndToEndIT extends OoIntegrationTest {

    @Test
    void signalThenRankedTipThenReactionLandInTheEventStoreAndTheViews() {
        OoClient.Person person = newPerson();
        String occurredAt = Instant.now().minus(1, ChronoUnit.HOURS).toString();

        OoClient.Response signal = person.post("/api/signals", """
                {"source":"tasks","type":"overdue","occurredAt":"%s","payload":{"due":"2026-11-20"}}"""
                .formatted(occurredAt));
        assertThat(signal.status()).isEqualTo(202);
        String signalId = signal.json().path("signalId").asText();
        String personId = personIdOf(person);
        assertThat(eventTypes(personId)).contains("app.oo.domain.signal.SignalRecordedEvent");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM person_signal WHERE signal_id = ?")
                .param(UUID.fromString(signalId)).query(Long.class).single() == 1);

        OoClient.Response recommended = person.post("/recommend", "");
        assertThat(recommended.status()).isEqualTo(200);
        JsonNode tip = recommended.json().path("tip");
        assertThat(tip.path("text").asText()).isNotBlank();
        assertThat(tip.path("kind").asText()).isIn("advice", "todo");
        assertThat(tip.path("policy").asText()).as("ranked by ml/serving, not the fallback").isNotEqualTo("fallback");
        String tipId = tip.path("id").asText();

        assertThat(jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?")
                .param(tipId).query(String.class).list()).containsExactly("app.oo.domain.tip.TipIssuedEvent");
        // Answered once the tip is stored (docs/adr/0020); the tip feed follows within moments.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT text FROM tip_feed WHERE tip_id = ?")
                .param(UUID.fromString(tipId)).query(String.class).list(), rows -> rows.size() == 1);
        assertThat(jdbc.sql("SELECT text FROM tip_feed WHERE tip_id = ?").param(UUID.fromString(tipId))
                .query(String.class).single()).isEqualTo(tip.path("text").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM decision_log WHERE tip_id = ? AND policy <> 'fallback' AND propensity > 0")
                .param(UUID.fromString(tipId)).query(Long.class).single() == 1);

        OoClient.Response again = person.post("/recommend", "");
        assertThat(again.json().path("tip").path("id").asText()).as("the current tip is served while fresh")
                .isEqualTo(tipId);

        OoClient.Response reaction = person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"done\"}");
        assertThat(reaction.status()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
                .param(tipId).query(String.class).list())
                .containsExactly("app.oo.domain.tip.TipIssuedEvent", "app.oo.domain.tip.TipReactedEvent");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT reward FROM decision_log WHERE tip_id = ?").param(UUID.fromString(tipId))
                .query(Double.class).optional().orElse(null) != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT reaction FROM tip_feed WHERE tip_id = ?").param(UUID.fromString(tipId))
                .query(String.class).optional().orElse("").equals("done"));

        OoClient.Response next = person.post("/recommend", "");
        assertThat(next.json().path("tip").path("id").asText()).as("a reacted tip is replaced by a new one")
                .isNotEqualTo(tipId);
    }

    @Test
    void malformedSignalIsA400NamingTheFieldAndStoresNothing() {
        OoClient.Person person = newPerson();
        String personId = personIdOf(person);
        long before = eventTypes(personId).size();

        OoClient.Response response = person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":9}}"""
                .formatted(Instant.now()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("field").asText()).isEqualTo("payload.score");
        assertThat(response.json().path("title").asText()).isNotBlank();
        assertThat(response.json().path("detail").asText()).contains("between 1 and 5");
        assertThat(eventTypes(personId)).hasSize((int) before);
    }

    @Test
    void apiWithoutTokenIsA401Problem() {
        OoClient.Response response = client().postJson("/api/signals", "{}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private java.util.List<String> eventTypes(String personId) {
        return jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
                .param(personId).query(String.class).list();
    }

    private String personIdOf(OoClient.Person person) {
        return jdbc.sql("SELECT person_id::text FROM account WHERE username = ?").param(person.username())
                .query(String.class).single();
    }
}

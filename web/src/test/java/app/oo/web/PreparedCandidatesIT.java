package app.oo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.person.PersonId;
import app.oo.sagas.tip.PreparedCandidates;
import app.oo.sagas.ml.Candidate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Candidates prepared ahead (docs/adr/0019): an issued tip prepares the person's next candidates,
 * a reaction prepares them again, and the next request ranks the prepared ones without generating,
 * with a complete decision-log row.
 */
class PreparedCandidatesIT extends OoIntegrationTest {

    @Autowired
    PreparedCandidates prepared;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void reactionRefreshesThePreparationAndTheNextTipIsRankedFromIt() throws Exception {
        OoClient.Person person = newPerson();
        PersonId personId = PersonId.of(jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single());

        OoClient.Response first = person.post("/recommend", "");
        assertThat(first.status()).isEqualTo(200);
        String firstTip = first.json().path("tip").path("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> prepared.peek(personId).isPresent());

        Instant beforeReaction = Instant.now();
        assertThat(person.post("/api/tips/" + firstTip + "/reactions", "{\"reaction\":\"done\"}").status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> prepared.peek(personId)
                .filter(p -> !p.preparedAt().isBefore(beforeReaction)).isPresent());
        PreparedCandidates.Preparation preparation = prepared.peek(personId).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(jdbc.sql(
                "SELECT reaction FROM tip_feed WHERE tip_id = ?").param(UUID.fromString(firstTip))
                .query(String.class).optional().orElse(null)));

        long usedBefore = prepared.used();
        OoClient.Response next = person.post("/recommend", "");

        assertThat(next.status()).isEqualTo(200);
        JsonNode tip = next.json().path("tip");
        String nextTip = tip.path("id").asText();
        assertThat(nextTip).isNotEqualTo(firstTip);
        assertThat(tip.path("policy").asText()).isNotEqualTo("fallback");
        assertThat(prepared.used()).as("ranked from the preparation, not generated on request")
                .isEqualTo(usedBefore + 1);
        List<String> preparedIds = preparation.candidates().stream().map(Candidate::id).toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM decision_log WHERE tip_id = ?").param(UUID.fromString(nextTip))
                .query(Long.class).single() == 1);
        Map<String, Object> row = jdbc.sql("SELECT * FROM decision_log WHERE tip_id = ?")
                .param(UUID.fromString(nextTip)).query().singleRow();
        List<String> loggedIds = new ArrayList<>();
        json.readTree(row.get("candidates").toString()).forEach(c -> loggedIds.add(c.path("id").asText()));
        assertThat(loggedIds).as("the decision log names the prepared candidates").containsExactlyInAnyOrderElementsOf(preparedIds);
        assertThat(loggedIds).contains((String) row.get("chosen_id"));
        assertThat(json.readTree(row.get("context").toString()).size()).as("the context as ranked").isPositive();
        assertThat((Double) row.get("propensity")).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        assertThat(row.get("shadow_policy")).isNotNull();
        assertThat(loggedIds).contains((String) row.get("shadow_chosen_id"));
    }

    @Test
    void theCurrentTipIsServedWithoutAnyNewEvent() {
        OoClient.Person person = newPerson();
        String tipId = person.post("/recommend", "").json().path("tip").path("id").asText();
        String personId = jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM tip_feed WHERE tip_id = ?")
                .param(UUID.fromString(tipId)).query(Long.class).single() == 1);
        long events = jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (?, ?)")
                .params(personId, tipId).query(Long.class).single();

        for (int i = 0; i < 3; i++) {
            assertThat(person.post("/recommend", "").json().path("tip").path("id").asText()).isEqualTo(tipId);
        }

        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier IN (?, ?)")
                .params(personId, tipId).query(Long.class).single()).isEqualTo(events);
    }
}

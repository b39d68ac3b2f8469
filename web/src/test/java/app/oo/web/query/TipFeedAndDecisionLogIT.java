package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.tip.FindTipHistoryQuery;
import app.oo.domain.tip.Reaction;
import app.oo.domain.tip.TipHistoryResponse;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.web.OoClient;
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

/** The tip feed's history query and the decision log's rows, as ml/pipelines reads them. */
class TipFeedAndDecisionLogIT extends ProjectionIntegrationTest {

    @Autowired
    PersonKeys personKeys;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void historyListsEveryTipNewestFirstWithItsReaction() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        String first = person.post("/recommend", "").json().path("tip").path("id").asText();
        assertThat(person.post("/api/tips/" + first + "/reactions", "{\"reaction\":\"liked\"}").status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM tip_feed WHERE tip_id = ? AND reaction = 'liked'", UUID.fromString(first)) == 1);
        String second = person.post("/recommend", "").json().path("tip").path("id").asText();
        // Answered once the tip is stored (docs/adr/0020); the history follows within moments.
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM tip_feed WHERE tip_id = ?", UUID.fromString(second)) == 1);

        TipHistoryResponse history = queries.query(new FindTipHistoryQuery(personId, 10), TipHistoryResponse.class)
                .join();

        assertThat(history.tips()).extracting(t -> t.id().toString()).containsExactly(second, first);
        assertThat(history.tips()).extracting(t -> t.reaction()).containsExactly(null, Reaction.LIKED);
        assertThat(queries.query(new FindTipHistoryQuery(personId, 1), TipHistoryResponse.class).join().tips())
                .hasSize(1);
    }

    @Test
    void aDecisionIsOnePseudonymousRowWithContextCandidatesChoiceShadowAndReward() throws Exception {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        JsonNode tip = person.post("/recommend", "").json().path("tip");
        UUID tipId = UUID.fromString(tip.path("id").asText());
        assertThat(person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"done\"}").status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM decision_log WHERE tip_id = ? AND reward IS NOT NULL", tipId) == 1);

        Map<String, Object> row = jdbc.sql("SELECT decision_id, person_key, decided_at, context::text AS context,"
                + " candidates::text AS candidates, chosen_id, chosen_category, propensity, propensity_method, policy,"
                + " policy_version, shadow_policy, shadow_chosen_id, shadow_propensity, reward, rewarded_at, reaction"
                + " FROM decision_log WHERE tip_id = ?").param(tipId).query().singleRow();

        assertThat(row.get("person_key")).isEqualTo(personKeys.of(personId))
                .isNotEqualTo(personId.toString());
        JsonNode context = json.readTree((String) row.get("context"));
        assertThat(context.has("tasksOverdue")).isTrue();
        assertThat(context.has("rateDone.focus")).isTrue();
        JsonNode candidates = json.readTree((String) row.get("candidates"));
        assertThat(candidates.isArray()).isTrue();
        List<String> ids = new ArrayList<>();
        candidates.forEach(c -> {
            ids.add(c.path("id").asText());
            assertThat(c.has("text")).as("no candidate text in the log").isFalse();
            assertThat(c.has("features")).isTrue();
        });
        assertThat(ids).contains((String) row.get("chosen_id"));
        assertThat(row.get("chosen_category")).isEqualTo(tip.path("category").asText());
        assertThat((Double) row.get("propensity")).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        assertThat(row.get("policy")).isEqualTo(tip.path("policy").asText());
        assertThat(row.get("policy_version")).isNotNull();
        if (!"fallback".equals(row.get("policy"))) {
            assertThat(row.get("shadow_policy")).isNotNull();
            assertThat(ids).contains((String) row.get("shadow_chosen_id"));
            assertThat((Double) row.get("shadow_propensity")).isGreaterThan(0.0);
        }
        assertThat(row.get("reward")).isEqualTo(1.0);
        assertThat(row.get("reaction")).isEqualTo("done");
        assertThat(row.get("rewarded_at")).isNotNull();

        UUID decisionId = (UUID) row.get("decision_id");
        events.publish(new TipReactedEvent(new TipId(tipId), personId, Reaction.DISMISSED, 0.0, decisionId,
                Instant.now()));
        events.publish(new TipReactedEvent(new TipId(tipId), personId, Reaction.DONE, 1.0, decisionId,
                Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("decision-log").lagEvents() == 0);
        assertThat(jdbc.sql("SELECT reward FROM decision_log WHERE decision_id = ?").param(decisionId)
                .query(Double.class).single()).as("the first reaction's reward stays").isEqualTo(1.0);
        assertThat(count("SELECT count(*) FROM decision_log WHERE tip_id = ?", tipId)).isEqualTo(1);
    }
}

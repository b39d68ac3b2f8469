package app.oo.web.policy;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.policy.PolicyRef;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.identity.Role;
import app.oo.web.identity.SignUp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shadow-first promotion end to end: an analyst simulates on two snapshots of the decision log
 * (ml/pipelines as a child process against the app's PostgreSQL), the gate holds on the small one
 * and passes on the large one; the refused promotion stores nothing, the accepted one is a
 * {@code PolicyPromotedEvent} in the event store, and ml/serving serves the promoted policy.
 */
class PolicyPromotionIT extends OoIntegrationTest {

    static final String CANDIDATE = "epsilon-greedy:eps=0.1";

    @Autowired
    SignUp signUp;

    @Autowired
    JdbcTemplate jdbcTemplate;

    static OoClient.Person analyst(SignUp signUp, OoClient client) {
        String username = "an" + System.nanoTime();
        signUp.staff(username, OoClient.PASSWORD, Role.ANALYST);
        return new OoClient.Person(username, client.token(client.browser(), username), client);
    }

    static PolicyRef ref(JsonNode policy) {
        return new PolicyRef(policy.path("name").asText(), policy.path("version").asText());
    }

    /** Starts a run matching the candidate to ml/serving's shadow and waits until it ends. */
    static JsonNode simulate(OoClient.Person analyst, String schema, String shadowName, int resamples) {
        String body = """
                {"schema":"%s","policies":["%s"],"shadowMatch":{"%s":"%s"},"resamples":%d}"""
                .formatted(schema, CANDIDATE, CANDIDATE, shadowName, resamples);
        OoClient.Response started = analyst.post("/admin/api/simulations", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.location()).endsWith("/admin/api/simulations/" + started.json().path("id").asText());
        return awaitEnd(analyst, started.json().path("id").asText());
    }

    static JsonNode awaitEnd(OoClient.Person analyst, String id) {
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(until)) {
            JsonNode run = analyst.get("/admin/api/simulations/" + id).json();
            String status = run.path("status").asText();
            if (!status.equals("queued") && !status.equals("running")) {
                return run;
            }
            sleep(250);
        }
        throw new AssertionError("simulation " + id + " did not end within 3 minutes");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long promotionEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'policy-registry'"
                + " AND payloadtype = 'app.oo.domain.policy.PolicyPromotedEvent'").query(Long.class).single();
    }

    @Test
    void theGateRefusesOnThinEvidenceAndPromotesOnStrongEvidenceUntilMlServingServesIt() {
        OoClient.Person analyst = analyst(signUp, client());
        JsonNode before = analyst.get("/admin/api/policies").json();
        PolicyRef incumbent = ref(before.path("serving").path("incumbent"));
        PolicyRef shadow = ref(before.path("serving").path("shadow"));
        String thin = DecisionLogSeed.seed(jdbcTemplate, "snap_thin", DecisionLogSeed.HOLDING, incumbent, shadow);
        String strong = DecisionLogSeed.seed(jdbcTemplate, "snap_strong", DecisionLogSeed.PASSING, incumbent, shadow);

        JsonNode held = simulate(analyst, thin, shadow.name(), 300);
        JsonNode passed = simulate(analyst, strong, shadow.name(), 300);

        assertThat(held.path("status").asText()).as(held.toString()).isEqualTo("succeeded");
        assertThat(passed.path("status").asText()).as(passed.toString()).isEqualTo("succeeded");
        assertThat(passed.path("progress").path("stagesDone").toString()).contains("load postgres", "bootstrap");
        OoClient.Response report = analyst.get(passed.path("links").path("report").asText());
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/html");
        assertThat(report.body()).contains("offline policy evaluation", "Promotion gate");
        JsonNode summary = analyst.get(passed.path("links").path("summary").asText()).json();
        assertThat(summary.path("gate").path("promote").toString()).contains(CANDIDATE);
        assertThat(summary.path("source").path("schema").asText()).isEqualTo(strong);

        long eventsBefore = promotionEvents();
        OoClient.Response refused = analyst.post("/admin/api/policies/promote", """
                {"policy":"%s","simulationId":"%s"}""".formatted(shadow.name(), held.path("id").asText()));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("check").asText()).isEqualTo("offline_lower_bound_beats_incumbent");
        assertThat(refused.json().path("detail").asText()).matches(".*lower bound 0\\.\\d{4} vs incumbent 0\\.\\d{4}.*");
        assertThat(refused.json().path("checks").findValuesAsText("name"))
                .contains("offline_effective_sample_size", "shadow_ran");
        assertThat(refused.json().path("checks").toString()).contains("rewarded decisions (minimum 200)");
        assertThat(promotionEvents()).as("a refused promotion stores nothing").isEqualTo(eventsBefore);

        OoClient.Response accepted = analyst.post("/admin/api/policies/promote", """
                {"policy":"%s","simulationId":"%s"}""".formatted(shadow.name(), passed.path("id").asText()));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().path("promoted").path("name").asText()).isEqualTo(shadow.name());
        assertThat(accepted.json().path("previousIncumbent").path("name").asText()).isEqualTo(incumbent.name());
        assertThat(promotionEvents()).isEqualTo(eventsBefore + 1);
        String payload = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = 'policy-registry' ORDER BY sequencenumber DESC LIMIT 1")
                .query(String.class).single();
        assertThat(payload).contains(passed.path("id").asText(), analyst.username(), shadow.toString().split("@")[0],
                "offline_lower_bound_beats_incumbent", "\"agreement\"");

        JsonNode after = awaitServing(analyst, shadow.name());
        assertThat(after.path("serving").path("shadow").path("name").asText()).isEqualTo(incumbent.name());
        assertThat(after.path("serving").path("incumbent").path("version").asText()).isNotEqualTo(shadow.version());
        assertThat(after.path("promotions").get(0).path("simulationId").asText()).isEqualTo(passed.path("id").asText());
        assertThat(after.path("promotions").get(0).path("evidence").path("shadow").path("agreement").asDouble())
                .isGreaterThanOrEqualTo(0.3);

        OoClient.Response again = analyst.post("/admin/api/policies/promote", """
                {"policy":"%s","simulationId":"%s"}""".formatted(shadow.name(), passed.path("id").asText()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("check").asText()).as("the promoted policy is no longer the shadow")
                .isEqualTo("policy_is_shadow");
    }

    private static JsonNode awaitServing(OoClient.Person analyst, String policy) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            JsonNode view = analyst.get("/admin/api/policies").json();
            if (view.path("serving").path("incumbent").path("name").asText().equals(policy)) {
                return view;
            }
            sleep(200);
        }
        throw new AssertionError("ml/serving does not serve " + policy + " within 30 s");
    }

    @Test
    void aPromotionNeedsASucceededSimulation() {
        OoClient.Person analyst = analyst(signUp, client());

        OoClient.Response unknown = analyst.post("/admin/api/policies/promote",
                "{\"policy\":\"ridge-egreedy\",\"simulationId\":\"sim-20260101T000000Z-abcdef\"}");
        OoClient.Response missing = analyst.post("/admin/api/policies/promote", "{\"simulationId\":\"x\"}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("field").asText()).isEqualTo("policy");
    }

    @Test
    void theLiveDecisionLogGivesTheShadowsAgreementAndValue() {
        OoClient.Person analyst = analyst(signUp, client());
        String shadowName = "it-shadow-" + System.nanoTime();
        Instant now = Instant.now();
        // four decisions: the shadow agrees on two; rewards 1, 0, 1 and one without a reaction
        Object[][] rows = {
                {"a", "a", 0.5, 1.0}, {"a", "b", 0.5, 0.0}, {"b", "b", 0.25, 1.0}, {"a", "b", 0.5, null}};
        for (Object[] row : rows) {
            jdbc.sql("INSERT INTO decision_log (decision_id, tip_id, person_key, decided_at, context, candidates,"
                            + " chosen_id, chosen_category, propensity, propensity_method, policy, policy_version,"
                            + " shadow_policy, shadow_policy_version, shadow_chosen_id, shadow_propensity, reward,"
                            + " rewarded_at) VALUES (gen_random_uuid(), gen_random_uuid(), 'k', ?, '{}', '[]', ?, 'focus',"
                            + " ?, 'exact', 'it-incumbent', '1', ?, '1', ?, 0.5, ?, ?)")
                    .params(java.sql.Timestamp.from(now), row[0], row[2], shadowName, row[1], row[3],
                            row[3] == null ? null : java.sql.Timestamp.from(now))
                    .update();
        }

        JsonNode runs = analyst.get("/admin/api/policies").json().path("shadowRuns");

        JsonNode run = null;
        for (JsonNode r : runs) {
            if (r.path("shadow").path("name").asText().equals(shadowName)) {
                run = r;
            }
        }
        assertThat(run).as(runs.toString()).isNotNull();
        assertThat(run.path("decisions").asLong()).isEqualTo(4);
        assertThat(run.path("agreement").asDouble()).isEqualTo(0.5);
        assertThat(run.path("rewarded").asLong()).isEqualTo(3);
        assertThat(run.path("incumbentValue").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        // IPS: (1/0.5 + 0 + 1/0.25) / 3 rewarded decisions
        assertThat(run.path("shadowValue").asDouble()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(run.path("incumbent")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(Map.of("name", "it-incumbent", "version", "1")));
    }
}

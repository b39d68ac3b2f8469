package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.integration.IntegrationConnectedEvent;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.tip.CandidateFeatures;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipKind;
import app.oo.web.OoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An erased person leaves every view, a tip issued after the erasure never enters one, and a
 * rebuild after the erasure brings none of their data back; the erasure audit keeps its evidence.
 */
class ErasureInViewsIT extends ProjectionIntegrationTest {

    @Autowired
    PersonKeys personKeys;

    @Test
    void anErasedPersonLeavesEveryViewAndARebuildDoesNotBringThemBack() {
        OoClient.Person person = newPerson();
        OoClient.Person bystander = newPerson();
        PersonId personId = personIdOf(person);
        PersonId bystanderId = personIdOf(bystander);
        for (OoClient.Person p : List.of(person, bystander)) {
            assertThat(p.post("/api/signals", """
                    {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":2,"note":"private"}}"""
                    .formatted(Instant.now().minusSeconds(600))).status()).isEqualTo(202);
            String tipId = p.post("/recommend", "").json().path("tip").path("id").asText();
            assertThat(p.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"dismissed\"}").status())
                    .isEqualTo(202);
        }
        events.publish(new IntegrationConnectedEvent(IntegrationId.of(personId, "todoist"), personId, "todoist",
                Set.of("data:read"), "vault/erase-me", Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> rowsOf(personId).values().stream()
                .allMatch(n -> n > 0));

        UUID erasureId = UUID.randomUUID();
        events.publish(new ErasureRequestedEvent(personId, erasureId, "person", Instant.now()));
        events.publish(new PersonErasedEvent(personId, erasureId, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(rowsOf(personId)).allSatisfy((view, rows) -> assertThat(rows).as(view).isZero()));

        events.publish(lateTip(personId));
        awaitQuiet();
        assertThat(rowsOf(personId)).as("a tip issued after the erasure enters no view")
                .allSatisfy((view, rows) -> assertThat(rows).as(view).isZero());
        assertThat(count("SELECT count(*) FROM erasure_audit WHERE person_id = ?", personId.value()))
                .as("the evidence stays").isEqualTo(2);

        OoClient.Person analyst = newAnalyst();
        for (String projection : List.of("person-features", "tip-feed", "decision-log", "consents", "integrations",
                "erasure-audit")) {
            rebuildThroughApi(analyst, projection, "{}");
        }

        assertThat(rowsOf(personId)).as("after rebuilding every view")
                .allSatisfy((view, rows) -> assertThat(rows).as(view).isZero());
        assertThat(rowsOf(bystanderId)).as("the bystander is untouched")
                .allSatisfy((view, rows) -> {
                    if (!view.equals("integration")) {
                        assertThat(rows).as(view).isPositive();
                    }
                });
        assertThat(count("SELECT count(*) FROM erasure_audit WHERE person_id = ?", personId.value())).isEqualTo(2);
    }

    private Map<String, Long> rowsOf(PersonId personId) {
        UUID id = personId.value();
        return Map.of(
                "person_signal", count("SELECT count(*) FROM person_signal WHERE person_id = ?", id),
                "person_tip", count("SELECT count(*) FROM person_tip WHERE person_id = ?", id),
                "person_tip_reaction", count("SELECT count(*) FROM person_tip_reaction WHERE person_id = ?", id),
                "tip_feed", count("SELECT count(*) FROM tip_feed WHERE person_id = ?", id),
                "decision_log", count("SELECT count(*) FROM decision_log WHERE person_key = ?", personKeys.of(personId)),
                "consent", count("SELECT count(*) FROM consent WHERE person_id = ?", id),
                "integration", count("SELECT count(*) FROM integration WHERE person_id = ?", id));
    }

    private static TipIssuedEvent lateTip(PersonId personId) {
        UUID decisionId = UUID.randomUUID();
        Decision decision = new Decision(decisionId, Decision.FALLBACK_POLICY, "rules-1", 1.0, "exact",
                "fallback-break", Map.of("tasksOverdue", 0.0),
                List.of(new CandidateFeatures("fallback-break", TipKind.ADVICE, "break", Map.of())), null);
        return new TipIssuedEvent(TipId.random(), personId, "A late tip", TipKind.ADVICE, "break", decision,
                Instant.now());
    }
}

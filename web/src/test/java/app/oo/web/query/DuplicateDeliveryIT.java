package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.integration.IntegrationConnectedEvent;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.IntegrationRevokedEvent;
import app.oo.domain.integration.IntegrationTokenRefreshedEvent;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.query.consent.ConsentProjection;
import app.oo.query.decisionlog.DecisionLogProjection;
import app.oo.query.erasure.ErasureAuditProjection;
import app.oo.query.features.PersonFeaturesProjection;
import app.oo.query.integration.IntegrationProjection;
import app.oo.query.tipfeed.TipFeedProjection;
import app.oo.web.OoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * At-least-once delivery changes nothing twice. Every event about a fresh person (and about an
 * integration and an erasure of their own) is read back from the store and handed to each live
 * projection twice more, in store order, after the projection has already handled all of them:
 * every view the events touch is exactly as it was. And a command sent twice (a signal with the
 * same client id, the same reaction to a tip) has the effect of one.
 */
class DuplicateDeliveryIT extends ProjectionIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    EventStore eventStore;

    @Autowired
    Configuration axon;

    @Autowired
    PersonKeys personKeys;

    @Autowired
    PersonFeaturesProjection personFeatures;

    @Autowired
    TipFeedProjection tipFeed;

    @Autowired
    DecisionLogProjection decisionLog;

    @Autowired
    ConsentProjection consents;

    @Autowired
    IntegrationProjection integrations;

    @Autowired
    ErasureAuditProjection erasureAudit;

    @Test
    void everyProjectionHandlingEachEventTwiceMoreLeavesItsViewAsItWas() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        postSignal(person, "{\"source\":\"mood\",\"type\":\"checkin\",\"occurredAt\":\"%s\",\"payload\":{\"score\":3}}");
        postSignal(person, "{\"source\":\"tasks\",\"type\":\"overdue\",\"occurredAt\":\"%s\",\"payload\":{\"due\":\"2026-11-20\"}}");
        assertThat(person.put("/api/consents/calendar", "{\"granted\":false}").status()).isEqualTo(200);
        OoClient.Response recommended = person.post("/recommend", "");
        assertThat(recommended.status()).as(recommended.body()).isEqualTo(200);
        String tipId = recommended.json().path("tip").path("id").asText();
        assertThat(person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"done\"}").status())
                .isEqualTo(202);

        PersonId integrated = PersonId.random();
        IntegrationId integration = IntegrationId.of(integrated, "todoist");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS);
        events.publish(new IntegrationConnectedEvent(integration, integrated, "todoist", Set.of("data:read"),
                "vault/1", t0));
        events.publish(new IntegrationTokenRefreshedEvent(integration, integrated, "vault/2",
                t0.plus(2, ChronoUnit.HOURS), t0.plus(1, ChronoUnit.MINUTES)));
        events.publish(new IntegrationRevokedEvent(integration, integrated, "todoist", "disconnect",
                t0.plus(2, ChronoUnit.MINUTES)));
        PersonId erased = PersonId.random();
        UUID erasureId = UUID.randomUUID();
        events.publish(new ErasureRequestedEvent(erased, erasureId, "compliance", t0));
        events.publish(new PersonErasedEvent(erased, erasureId, t0.plusSeconds(2)));

        Map<String, String> views = new LinkedHashMap<>();
        views.put("person_signal", "person_id = '" + personId.value() + "'");
        views.put("person_tip", "person_id = '" + personId.value() + "'");
        views.put("person_tip_reaction", "person_id = '" + personId.value() + "'");
        views.put("tip_feed", "person_id = '" + personId.value() + "'");
        views.put("decision_log", "person_key = '" + personKeys.of(personId) + "'");
        views.put("consent", "person_id = '" + personId.value() + "'");
        views.put("integration", "person_id = '" + integrated.value() + "'");
        views.put("erasure_audit", "person_id = '" + erased.value() + "'");
        await().atMost(WAIT).until(() -> rows("person_signal", views).size() == 2
                && rows("person_tip_reaction", views).size() == 1
                && rows("tip_feed", views).size() == 1 && rows("tip_feed", views).get(0).contains("\"done\"")
                && rows("decision_log", views).size() == 1 && rows("decision_log", views).get(0).contains("\"done\"")
                && rows("consent", views).stream().anyMatch(r -> r.contains("\"calendar\"") && r.contains("false"))
                && rows("integration", views).size() == 1 && rows("integration", views).get(0).contains("revoked")
                && rows("erasure_audit", views).size() == 2);
        awaitQuiet();
        Map<String, List<String>> before = new LinkedHashMap<>();
        views.keySet().forEach(table -> before.put(table, rows(table, views)));

        List<TrackedEventMessage<?>> stored = storedEventsAbout(personId, integrated, erased);
        assertThat(stored).extracting(e -> e.getPayloadType().getSimpleName()).contains("SignalRecordedEvent",
                "ConsentRevokedEvent", "TipIssuedEvent", "TipReactedEvent", "IntegrationConnectedEvent",
                "IntegrationTokenRefreshedEvent", "IntegrationRevokedEvent", "ErasureRequestedEvent",
                "PersonErasedEvent");
        for (Object projection : List.of(personFeatures, tipFeed, decisionLog, consents, integrations, erasureAudit)) {
            AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection,
                    axon.parameterResolverFactory(), axon.handlerDefinition(projection.getClass()));
            for (TrackedEventMessage<?> event : stored) {
                if (handler.canHandle(event)) {
                    deliver(handler, event);
                    deliver(handler, event);
                }
            }
        }

        views.keySet().forEach(table -> assertThat(rows(table, views)).as(table).isEqualTo(before.get(table)));
    }

    @Test
    void aSignalSentTwiceWithOneClientIdAndAReactionSentTwiceEachCountOnce() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        String clientId = "client-" + System.nanoTime();
        String signal = "{\"source\":\"mood\",\"type\":\"checkin\",\"occurredAt\":\"%s\",\"payload\":{\"score\":4},"
                + "\"clientId\":\"" + clientId + "\"}";
        String occurredAt = Instant.now().minusSeconds(30).toString();
        OoClient.Response first = person.post("/api/signals", signal.formatted(occurredAt));
        OoClient.Response second = person.post("/api/signals", signal.formatted(occurredAt));
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("signalId").asText()).isEqualTo(first.json().path("signalId").asText());

        OoClient.Response recommended = person.post("/recommend", "");
        assertThat(recommended.status()).as(recommended.body()).isEqualTo(200);
        String tipId = recommended.json().path("tip").path("id").asText();
        assertThat(person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"liked\"}").status())
                .isEqualTo(202);
        OoClient.Response again = person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"liked\"}");
        assertThat(again.status()).as("a final reaction is not taken twice").isEqualTo(409);

        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype = 'app.oo.domain.signal.SignalRecordedEvent'", personId.toString())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype = 'app.oo.domain.tip.TipReactedEvent'", tipId)).isEqualTo(1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM person_tip_reaction WHERE tip_id = ?",
                UUID.fromString(tipId)) == 1);
        assertThat(count("SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value())).isEqualTo(1);
    }

    private static void deliver(AnnotationEventHandlerAdapter handler, TrackedEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException("redelivering " + event.getPayloadType().getSimpleName(), e);
        }
    }

    private List<String> rows(String table, Map<String, String> where) {
        return jdbc.sql("SELECT row_to_json(t)::text FROM " + table + " t WHERE " + where.get(table) + " ORDER BY 1")
                .query(String.class).list();
    }

    /** The events, as the store hands them to processors, that name one of the persons, in store order. */
    private List<TrackedEventMessage<?>> storedEventsAbout(PersonId... persons) {
        List<TrackedEventMessage<?>> found = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (PersonId person : persons) {
            List<Long> positions = jdbc.sql("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?"
                            + " OR convert_from(payload, 'UTF8') LIKE ? ORDER BY globalindex")
                    .param(person.toString()).param("%" + person + "%").query(Long.class).list();
            for (long position : positions) {
                if (!seen.add(position)) {
                    continue;
                }
                try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                        GapAwareTrackingToken.newInstance(position - 1, Set.of()))) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    assertThat(event.trackingToken().position()).hasValue(position);
                    found.add(event);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.trackingToken().position().orElse(0), b.trackingToken().position()
                .orElse(0)));
        return found;
    }

    private static void postSignal(OoClient.Person person, String template) {
        OoClient.Response response = person.post("/api/signals",
                template.formatted(Instant.now().minusSeconds(120)));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
    }
}

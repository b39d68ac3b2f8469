package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.domain.signal.MoodPayload;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.signal.SignalSource;
import app.oo.web.OoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The feature view over the real pipeline: signals over HTTP, the projection's rows, the query's numbers. */
class PersonFeaturesIT extends ProjectionIntegrationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void signalsBecomeDerivativeRowsAndTheNamedFeaturesOfTheContract() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, BERLIN);
        Instant lastSignal = now.minus(5, ChronoUnit.MINUTES);
        OoClient.Response batch = person.post("/api/signals/batch", """
                [{"source":"context","type":"update","occurredAt":"%s","payload":{"timeZone":"Europe/Berlin","place":"home","device":"phone"}},
                 {"source":"tasks","type":"created","occurredAt":"%s","payload":{"taskRef":"t1","due":"%s","project":"Secret project"}},
                 {"source":"tasks","type":"created","occurredAt":"%s","payload":{"taskRef":"t2","due":"%s"}},
                 {"source":"tasks","type":"created","occurredAt":"%s","payload":{"taskRef":"t3","due":"%s"}},
                 {"source":"tasks","type":"completed","occurredAt":"%s","payload":{"taskRef":"t3"}},
                 {"source":"tasks","type":"overdue","occurredAt":"%s","payload":{"taskRef":"t4"}},
                 {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":2,"note":"Secret note"}},
                 {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":4}},
                 {"source":"habits","type":"checkin","occurredAt":"%s","payload":{"habit":"Secret habit","streak":5}},
                 {"source":"calendar","type":"busy","occurredAt":"%s","payload":{"start":"%s","end":"%s","category":"meeting"}}]"""
                .formatted(now.minus(2, ChronoUnit.HOURS), now.minus(90, ChronoUnit.MINUTES), today.minusDays(1),
                        now.minus(80, ChronoUnit.MINUTES), today, now.minus(70, ChronoUnit.MINUTES), today,
                        now.minus(60, ChronoUnit.MINUTES), now.minus(50, ChronoUnit.MINUTES),
                        now.minus(2, ChronoUnit.DAYS), now.minus(40, ChronoUnit.MINUTES),
                        now.minus(30, ChronoUnit.MINUTES), lastSignal, now.minus(30, ChronoUnit.MINUTES),
                        now.plus(45, ChronoUnit.MINUTES)));
        assertThat(batch.status()).as(batch.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value()) == 10);
        assertThat(jdbc.sql("SELECT row_to_json(s)::text FROM person_signal s WHERE person_id = ?")
                .param(personId.value()).query(String.class).list())
                .as("derivatives only: no note, habit or project name")
                .noneMatch(row -> row.contains("Secret"));
        assertThat(count("SELECT count(*) FROM person_signal WHERE person_id = ? AND source = 'calendar'"
                + " AND starts_at IS NOT NULL AND ends_at IS NOT NULL", personId.value())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT time_zone FROM person_signal WHERE person_id = ? AND source = 'context'")
                .param(personId.value()).query(String.class).single()).isEqualTo("Europe/Berlin");

        PersonFeatures features = queries.query(new FetchPersonFeaturesQuery(personId, now), PersonFeatures.class)
                .join();

        assertThat(features.values()).containsEntry("signalsTasks1d", 5.0).containsEntry("signalsMood1d", 1.0)
                .containsEntry("signalsMood7d", 2.0).containsEntry("signalsHabits28d", 1.0)
                .containsEntry("signalsCalendar1d", 1.0).containsEntry("signalsContext7d", 1.0)
                .containsEntry("tasksOverdue", 2.0).containsEntry("tasksDueToday", 1.0)
                .containsEntry("taskCompletionRate7d", 0.25).containsEntry("habitStreakMax", 5.0)
                .containsEntry("moodMean7d", 3.0).containsEntry("minutesToNextFreeSlot", 45.0);
        assertThat(features.get("moodTrend7d")).as("2 -> 4 over two days, in points per week")
                .isCloseTo(2.0 / (2 - 40.0 / (24 * 60)) * 7, within(0.01));
        assertThat(features.get("busyHoursToday")).isBetween(0.01, 1.25);
        ZonedDateTime last = lastSignal.atZone(BERLIN);
        assertThat(features.values()).containsEntry("localHour", (double) last.getHour())
                .containsEntry("weekday", (double) last.getDayOfWeek().getValue());
        double hours = 0;
        for (int h = 0; h < 24; h++) {
            hours += features.get("activeHour." + h);
        }
        assertThat(hours).isCloseTo(1.0, within(1e-9));
        assertThat(features.get("hoursSinceLastTip")).as("no tip yet: capped").isEqualTo(24.0 * 28);
    }

    @Test
    void reactionsGiveRatesPerCategoryAndTheTimeSinceTheLastTipAndReaction() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        OoClient.Response tip = person.post("/recommend", "");
        assertThat(tip.status()).isEqualTo(200);
        String tipId = tip.json().path("tip").path("id").asText();
        String category = tip.json().path("tip").path("category").asText();
        assertThat(person.post("/api/tips/" + tipId + "/reactions", "{\"reaction\":\"done\"}").status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM person_tip_reaction WHERE tip_id = ? AND reaction = 'done'",
                UUID.fromString(tipId)) == 1);
        assertThat(jdbc.sql("SELECT category FROM person_tip WHERE tip_id = ?").param(UUID.fromString(tipId))
                .query(String.class).single()).isEqualTo(category);

        PersonFeatures features = queries.query(new FetchPersonFeaturesQuery(personId, Instant.now()),
                PersonFeatures.class).join();

        assertThat(features.values()).containsEntry("rateDone." + category, 1.0)
                .containsEntry("rateDismissed." + category, 0.0).containsEntry("rateLiked." + category, 0.0);
        assertThat(features.get("hoursSinceLastTip")).isLessThan(0.1);
        assertThat(features.get("hoursSinceLastReaction")).isLessThan(0.1);
    }

    @Test
    void aRedeliveredSignalChangesNothing() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        String signalId = person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":3}}""".formatted(at))
                .json().path("signalId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value()) == 1);
        String before = jdbc.sql("SELECT row_to_json(s)::text FROM person_signal s WHERE person_id = ?")
                .param(personId.value()).query(String.class).single();

        events.publish(new SignalRecordedEvent(personId, SignalId.of(signalId), SignalSource.MOOD, "checkin",
                at.plusSeconds(60), new MoodPayload(1, null), null, Instant.now()));
        OoClient.Response marker = person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":5}}""".formatted(at));
        assertThat(marker.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value()) == 2);

        assertThat(jdbc.sql("SELECT row_to_json(s)::text FROM person_signal s WHERE signal_id = ?")
                .param(UUID.fromString(signalId)).query(String.class).single()).isEqualTo(before);
    }

    @Test
    void aBusyPersonsFeaturesCountEverySignalOfEachWindow() {
        OoClient.Person person = newPerson();
        PersonId personId = personIdOf(person);
        Instant now = Instant.now();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            String source = List.of("tasks", "mood", "habits").get(i % 3);
            String payload = switch (source) {
                case "tasks" -> "{\"taskRef\":\"t" + (i % 200) + "\",\"due\":\"" + LocalDate.now() + "\"}";
                case "mood" -> "{\"score\":" + (1 + i % 5) + "}";
                default -> "{\"habit\":\"h\",\"streak\":" + i % 30 + "}";
            };
            batch.append(i == 0 ? "" : ",").append("{\"source\":\"").append(source).append("\",\"type\":\"")
                    .append(source.equals("tasks") ? "created" : "checkin").append("\",\"occurredAt\":\"")
                    .append(now.minus(i * 30L, ChronoUnit.MINUTES)).append("\",\"payload\":").append(payload)
                    .append('}');
        }
        assertThat(person.post("/api/signals/batch", batch.append(']').toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM person_signal WHERE person_id = ?", personId.value()) == 1000);
        PersonFeatures features = queries.query(new FetchPersonFeaturesQuery(personId, Instant.now()),
                PersonFeatures.class).join();

        // Signal i is i half-hours old: 48 in the last day, 336 in the last week, all 1000 in 28 days,
        // a third of each per source. (How fast this read is lives in docs/benchmarks.md, not here.)
        assertThat(features.values())
                .containsEntry("signalsTasks1d", 16.0).containsEntry("signalsMood1d", 16.0)
                .containsEntry("signalsHabits1d", 16.0)
                .containsEntry("signalsTasks7d", 112.0).containsEntry("signalsMood7d", 112.0)
                .containsEntry("signalsHabits7d", 112.0)
                .containsEntry("signalsTasks28d", 334.0).containsEntry("signalsMood28d", 333.0)
                .containsEntry("signalsHabits28d", 333.0);
    }
}

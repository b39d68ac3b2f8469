package app.oo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Generated bad input against every API endpoint — malformed JSON, wrong types, unknown enum
 * values, extreme dates, control characters, injection strings, oversized bodies — answers 4xx
 * problem+json, never 5xx, and stores nothing.
 */
class BadInputIT extends OoIntegrationTest {

    private static final long SEED = 20261125L;
    private static final int CASES_PER_ENDPOINT = 60;

    private static final List<String> NASTY_VALUES = List.of(
            "null", "true", "0", "-1", "1e309", "99999999999999999999", "\"\"", "\" \"", "[]", "{}", "[{}]",
            "\"'; DROP TABLE domainevententry; --\"", "\"<script>alert(1)</script>\"", "\"\\u0000\\u0007\\u001b\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"0000-00-00T00:00:00Z\"", "\"1970-01-01T00:00:00Z\"",
            "\"2026-13-45T25:61:61Z\"", "\"tasks\"", "\"not-a-source\"", "\"DONE\"", "\"x".repeat(1) + "y".repeat(5000) + "\"",
            "\"\\ud800\"", "{\"$where\":\"1\"}", "\"../../etc/passwd\"", "\"%s%n%x\"");

    private static final List<String> BROKEN_BODIES = List.of(
            "", "{", "}", "[", "{\"source\":", "{\"source\":\"mood\",}", "not json", "\u0000\u0001",
            "{\"source\":\"mood\" \"type\":\"checkin\"}", "[1,2,3", "{\"a\":1}{\"b\":2}", "\"just a string\"", "42");

    @Test
    void signalEndpointNeverFailsOnBadInputAndStoresNothing() {
        String valid = "{\"source\":\"mood\",\"type\":\"checkin\",\"occurredAt\":\"%s\",\"payload\":{\"score\":3,\"note\":\"ok\"}}"
                .formatted(Instant.now());
        fuzz("/api/signals", valid, List.of("source", "type", "occurredAt", "payload", "clientId", "score", "note"),
                body -> body);
    }

    @Test
    void batchEndpointNeverFailsOnBadInputAndStoresNothing() {
        String one = "{\"source\":\"habits\",\"type\":\"checkin\",\"occurredAt\":\"%s\",\"payload\":{\"habit\":\"run\",\"streak\":4}}"
                .formatted(Instant.now());
        fuzz("/api/signals/batch", "[" + one + "," + one + "]",
                List.of("source", "type", "occurredAt", "payload", "habit", "streak"), body -> body);
    }

    @Test
    void reactionEndpointNeverFailsOnBadInputAndStoresNothing() {
        OoClient.Person person = newPerson();
        String tipId = person.post("/recommend", "").json().path("tip").path("id").asText();
        long events = eventsOf(tipId);
        Random random = new Random(SEED);
        for (int i = 0; i < CASES_PER_ENDPOINT; i++) {
            String body = i % 3 == 0 ? BROKEN_BODIES.get(random.nextInt(BROKEN_BODIES.size()))
                    : "{\"reaction\":" + NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size())) + "}";
            assertRefused(person.post("/api/tips/" + tipId + "/reactions", body), body);
        }
        for (String badId : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "%27%20OR%201=1")) {
            OoClient.Response response = person.post("/api/tips/" + badId + "/reactions", "{\"reaction\":\"done\"}");
            assertRefused(response, badId);
        }
        assertThat(eventsOf(tipId)).isEqualTo(events);
    }

    @Test
    void consentEndpointNeverFailsOnBadInput() {
        OoClient.Person person = newPerson();
        Random random = new Random(SEED + 1);
        for (int i = 0; i < CASES_PER_ENDPOINT; i++) {
            String body = i % 3 == 0 ? BROKEN_BODIES.get(random.nextInt(BROKEN_BODIES.size()))
                    : "{\"granted\":" + NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size())) + "}";
            String topic = i % 5 == 0 ? "not-a-topic" : "mood";
            OoClient.Response response = person.put("/api/consents/" + topic, body);
            if (body.equals("{\"granted\":true}")) {
                continue;
            }
            assertRefused(response, body);
        }
    }

    @Test
    void timingEndpointNeverFailsOnBadInputAndStoresOnlyWhatItAccepts() {
        OoClient.Person person = newPerson();
        String personId = personIdOf(person);
        String valid = "{\"timeZone\":\"Europe/Amsterdam\",\"quietStart\":\"22:00\",\"quietEnd\":\"07:00\","
                + "\"dailyCap\":3,\"morningAt\":\"08:00\",\"triggers\":[\"morning\"],\"minGapMinutes\":120}";
        List<String> fields = List.of("timeZone", "quietStart", "quietEnd", "dailyCap", "morningAt", "triggers",
                "minGapMinutes");
        Random random = new Random(SEED + 2);
        List<String> bodies = new ArrayList<>(BROKEN_BODIES);
        while (bodies.size() < CASES_PER_ENDPOINT) {
            String field = fields.get(random.nextInt(fields.size()));
            String value = NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size()));
            String mutated = switch (random.nextInt(3)) {
                case 0 -> valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^]]*]|[^,}]+)",
                        Matcher.quoteReplacement("\"" + field + "\":" + value));
                case 1 -> valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\[[^]]*]|[^,}]+),?", "");
                default -> valid.substring(0, 1 + random.nextInt(valid.length() - 1));
            };
            if (!mutated.equals(valid)) {
                bodies.add(mutated);
            }
        }
        long accepted = 0;
        for (String body : bodies) {
            OoClient.Response response = person.put("/api/me/timing", body);
            assertThat(response.status()).as("no 5xx for %s", body).isLessThan(500);
            if (response.status() == 200) {
                accepted++;
            } else {
                assertRefused(response, body);
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND payloadtype LIKE '%TimingPreferencesSetEvent'").param(personId)
                .query(Long.class).single()).as("only accepted preferences are stored").isEqualTo(accepted);
    }

    @Test
    void oversizedBodyIs413AndStoresNothing() {
        OoClient.Person person = newPerson();
        String personId = personIdOf(person);
        long before = eventsOf(personId);
        String huge = "{\"source\":\"mood\",\"type\":\"checkin\",\"occurredAt\":\"%s\",\"payload\":{\"note\":\"%s\"}}"
                .formatted(Instant.now(), "x".repeat(2 * 1024 * 1024));
        OoClient.Response response = person.post("/api/signals", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventsOf(personId)).isEqualTo(before);
    }

    private void fuzz(String path, String valid, List<String> fields, Function<String, String> wrap) {
        OoClient.Person person = newPerson();
        String personId = personIdOf(person);
        long before = eventsOf(personId);
        Random random = new Random(SEED + path.hashCode());
        List<String> bodies = new ArrayList<>(BROKEN_BODIES);
        while (bodies.size() < CASES_PER_ENDPOINT) {
            String field = fields.get(random.nextInt(fields.size()));
            String value = NASTY_VALUES.get(random.nextInt(NASTY_VALUES.size()));
            String mutated = switch (random.nextInt(4)) {
                case 0 -> valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\{[^}]*\\}|[^,}]+)",
                        Matcher.quoteReplacement("\"" + field + "\":" + value));
                case 1 -> valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]+),?", "");
                case 2 -> valid.replaceFirst("\\{", Matcher.quoteReplacement("{\"" + field + "Extra\":" + value + ","));
                default -> valid.substring(0, 1 + random.nextInt(valid.length() - 1));
            };
            if (!mutated.equals(valid)) {
                bodies.add(wrap.apply(mutated));
            }
        }
        long accepted = 0;
        for (String body : bodies) {
            OoClient.Response response = person.post(path, body);
            assertThat(response.status()).as("no 5xx for %s", body).isLessThan(500);
            if (response.status() == 202) {
                accepted += response.json().has("signalIds") ? response.json().path("signalIds").size() : 1;
            } else {
                assertRefused(response, body);
            }
        }
        assertThat(eventsOf(personId)).as("only accepted signals are stored").isEqualTo(before + accepted);
    }

    @Test
    void integrationEndpointsNeverFailOnBadInputAndConnectNothing() {
        OoClient.Person person = newPerson();
        List<String> providers = List.of("not-a-provider", "TODOIST", "%27%20OR%201=1", "todoist.json",
                "x".repeat(300), "%3Cscript%3E", "todoist%20");
        for (String provider : providers) {
            assertRefused(person.post("/api/integrations/" + provider + "/sync", "{}"), provider);
            assertRefused(person.delete("/api/integrations/" + provider), provider);
        }
        assertRefused(person.post("/api/integrations/todoist/sync", "not json"), "sync of nothing connected");
        assertRefused(person.delete("/api/integrations/todoist"), "disconnect of nothing connected");
        assertThat(jdbc.sql("SELECT count(*) FROM token_vault WHERE person_id = ?::uuid")
                .param(personIdOf(person)).query(Long.class).single()).isZero();
    }

    private static void assertRefused(OoClient.Response response, String input) {
        assertThat(response.status()).as("refused: %s", input).isBetween(400, 499);
        assertThat(response.contentType()).as("problem+json for %s", input).startsWith("application/problem+json");
        assertThat(response.json().path("title").asText()).isNotBlank();
    }

    private long eventsOf(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(aggregateId).query(Long.class).single();
    }

    private String personIdOf(OoClient.Person person) {
        return jdbc.sql("SELECT person_id::text FROM account WHERE username = ?").param(person.username())
                .query(String.class).single();
    }
}

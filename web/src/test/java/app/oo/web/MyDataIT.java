package app.oo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A person downloads everything held on them, and deletes their account. */
class MyDataIT extends OoIntegrationTest {

    @Test
    void exportHoldsTheConsentsAndTheSignalsWithTheirPersonalFields() {
        OoClient.Person person = newPerson();
        person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":4,"note":"export-marker"}}"""
                .formatted(Instant.now()));

        OoClient.Response export = person.get("/api/me/export");

        assertThat(export.status()).isEqualTo(200);
        JsonNode body = export.json();
        assertThat(body.path("account").path("username").asText()).isEqualTo(person.username());
        assertThat(body.path("consents").findValuesAsText("topic")).contains("tasks", "offline-analysis");
        assertThat(body.path("events").findValuesAsText("type")).contains("PersonRegisteredEvent",
                "SignalRecordedEvent");
        assertThat(export.body()).contains("export-marker");
    }

    @Test
    void afterDeletionEveryFurtherRequestForThePersonIsRefused() {
        OoClient.Person person = newPerson();

        OoClient.Response deleted = person.delete("/api/me");

        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.json().path("erasureId").asText()).isNotBlank();
        OoClient.Response signal = person.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":4}}""".formatted(Instant.now()));
        assertThat(signal.status()).isEqualTo(410);
        assertThat(signal.contentType()).startsWith("application/problem+json");
    }
}

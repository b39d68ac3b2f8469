package app.oo.web.erasure;

import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.ErasureStepRecordedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every erasure with its status and evidence, read from the event store itself rather than from a
 * view: the evidence compliance shows must not depend on a projection that a restore or a rebuild
 * may have set back. Erasure events hold no personal fields, so their payloads are plain JSON.
 */
@Component
class ErasureLedger {

    private static final List<String> TYPES = List.of(ErasureRequestedEvent.class.getName(),
            PersonErasedEvent.class.getName(), ErasureStepRecordedEvent.class.getName());
    private static final String TYPE_LITERALS = String.join(", ", TYPES.stream().map(t -> "'" + t + "'").toList());

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ErasureLedger(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One step's evidence; {@code replay} is false for the saga's own run. */
    record Evidence(UUID runId, boolean replay, String step, String outcome, String detail, Instant at) {
    }

    /** @param status {@code erased}, {@code in-progress}, or {@code stalled} (the saga gave up: replay it) */
    record Erasure(UUID erasureId, String personId, String requestedBy, Instant requestedAt, String status,
                   Instant erasedAt, List<Evidence> evidence) {
    }

    List<Erasure> all() {
        return read(null);
    }

    Optional<Erasure> latestOf(String personId) {
        List<Erasure> of = read(personId);
        return of.isEmpty() ? Optional.empty() : Optional.of(of.get(of.size() - 1));
    }

    private List<Erasure> read(String personId) {
        Map<UUID, Builder> byErasure = new LinkedHashMap<>();
        // the types as literals: only then can PostgreSQL use the partial index on erasure events (V14)
        String sql = """
                SELECT payloadtype, convert_from(payload, 'UTF8') AS payload FROM domainevententry
                WHERE payloadtype IN (%s)""".formatted(TYPE_LITERALS)
                + (personId == null ? "" : " AND aggregateidentifier = :person") + " ORDER BY globalindex";
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        if (personId != null) {
            statement = statement.param("person", personId);
        }
        statement.query((rs, n) -> {
            JsonNode event = parse(rs.getString("payload"));
            String type = rs.getString("payloadtype");
            UUID erasureId = UUID.fromString(event.path("erasureId").asText());
            Builder b = byErasure.computeIfAbsent(erasureId, id -> new Builder(id, event.path("personId").asText()));
            if (type.equals(ErasureRequestedEvent.class.getName())) {
                b.requestedBy = event.path("requestedBy").asText();
                b.requestedAt = instant(event.path("at"));
            } else if (type.equals(PersonErasedEvent.class.getName())) {
                b.erasedAt = b.erasedAt == null ? instant(event.path("at")) : b.erasedAt;
            } else {
                UUID runId = UUID.fromString(event.path("runId").asText());
                b.evidence.add(new Evidence(runId, !runId.equals(erasureId), event.path("step").asText(),
                        event.path("outcome").asText(), event.path("detail").isNull() ? null
                        : event.path("detail").asText(), instant(event.path("at"))));
            }
            return null;
        }).list();
        return byErasure.values().stream().map(Builder::build).toList();
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(0).plusNanos((long) (node.asDouble() * 1_000_000_000L));
        }
        return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asText());
    }

    private static final class Builder {
        final UUID erasureId;
        final String personId;
        String requestedBy;
        Instant requestedAt;
        Instant erasedAt;
        final List<Evidence> evidence = new ArrayList<>();

        Builder(UUID erasureId, String personId) {
            this.erasureId = erasureId;
            this.personId = personId;
        }

        Erasure build() {
            boolean gaveUp = evidence.stream().anyMatch(e -> !e.replay()
                    && ErasureStepRecordedEvent.GAVE_UP.equals(e.outcome()));
            String status = erasedAt != null ? "erased" : gaveUp ? "stalled" : "in-progress";
            return new Erasure(erasureId, personId, requestedBy, requestedAt, status, erasedAt, List.copyOf(evidence));
        }
    }
}

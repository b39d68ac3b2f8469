package app.oo.web.signal;

import app.oo.domain.person.PersonId;
import app.oo.domain.signal.InvalidSignalException;
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.SignalPayload;
import app.oo.domain.signal.SignalSource;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Turns the wire shape into a typed {@link RecordSignalCommand}, naming the field at fault when it
 * cannot: the payload is read strictly (unknown fields, wrong types) into the source's record,
 * whose constructor applies the source's rules.
 */
@Component
public class SignalParser {

    /** Signals from further back than this are not about the person's present. */
    static final Duration OLDEST = Duration.ofDays(400);
    /** Clock skew a device may have. */
    static final Duration NEWEST = Duration.ofDays(1);

    private final ObjectReader payloadReader;
    private final Clock clock;

    public SignalParser(ObjectMapper json, Clock clock) {
        this.payloadReader = json.readerFor(SignalPayload.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.clock = clock;
    }

    static final Set<String> FIELDS = Set.of("source", "type", "occurredAt", "payload", "clientId");

    /** @param prefix how the request names this signal: "" for one, "[3]." in a batch */
    public RecordSignalCommand parse(PersonId personId, JsonNode request, String prefix) {
        try {
            return command(personId, request);
        } catch (InvalidSignalException e) {
            throw new InvalidSignalException(prefix + e.field(), e.reason());
        }
    }

    private RecordSignalCommand command(PersonId personId, JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new InvalidSignalException("body", "a signal is a JSON object");
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new InvalidSignalException(name, "is not a known field; expected " + new TreeSet<>(FIELDS));
            }
        });
        SignalSource source = SignalSource.fromWireName(text(request, "source", true));
        String type = text(request, "type", true);
        if (!source.knowsType(type)) {
            throw new InvalidSignalException("type", "source '" + source.wireName() + "' knows the types "
                    + new TreeSet<>(source.types()) + ", was '" + type + "'");
        }
        Instant now = clock.instant();
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(text(request, "occurredAt", true));
        } catch (DateTimeParseException e) {
            throw new InvalidSignalException("occurredAt", "is an ISO-8601 instant such as 2026-11-25T09:30:00Z");
        }
        if (occurredAt.isBefore(now.minus(OLDEST)) || occurredAt.isAfter(now.plus(NEWEST))) {
            throw new InvalidSignalException("occurredAt", "must lie within the last 400 days and at most one day ahead");
        }
        JsonNode payloadNode = request.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            throw new InvalidSignalException("payload", "is required and is a JSON object");
        }
        ObjectNode payload = ((ObjectNode) payloadNode).deepCopy();
        payload.remove("@source");
        payload.put("@source", source.wireName());
        return new RecordSignalCommand(personId, SignalId.random(), type, occurredAt,
                readPayload(payload), text(request, "clientId", false), now);
    }

    private static String text(JsonNode request, String field, boolean required) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidSignalException(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidSignalException(field, "is a string");
        }
        return node.textValue();
    }

    private SignalPayload readPayload(ObjectNode payload) {
        try {
            return payloadReader.readValue(payload);
        } catch (JsonMappingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidSignalException invalid) {
                    throw invalid;
                }
            }
            String field = e.getPath().isEmpty() ? "payload" : "payload." + e.getPath().get(0).getFieldName();
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Unrecognized field")) {
                throw new InvalidSignalException(field, "is not a known field");
            }
            throw new InvalidSignalException(field, "has the wrong type or format");
        } catch (IOException e) {
            throw new InvalidSignalException("payload", "is not readable");
        }
    }
}

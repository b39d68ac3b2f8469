package app.oo.query.platform;

import app.oo.domain.person.PersonId;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Every event about one person goes to the same segment, in order: a person's erasure is then
 * handled after every earlier write about them, even when a processor (a rebuild) splits the
 * stream into segments. Events about no person keep Axon's per-aggregate order.
 */
public final class PerPersonSequencing implements SequencingPolicy<EventMessage<?>> {

    private static final PerPersonSequencing INSTANCE = new PerPersonSequencing();
    /**
     * The person aggregate's type in the event store: its events are sequenced by the aggregate id,
     * which is the person id, without deserializing the payload (a segment would otherwise read
     * every payload to learn it is not its own). Any other event is read.
     */
    static final String PERSON_AGGREGATE = "Person";

    public static PerPersonSequencing instance() {
        return INSTANCE;
    }

    private PerPersonSequencing() {
    }

    /**
     * The same sequence for an event as stored, before its payload is deserialized (a bulk replay
     * splits the stream by it): the person aggregate's id, else the person named by the payload's
     * top-level person field (its {@code @DataSubject}, else its first {@link PersonId}), else the
     * aggregate's id, as Axon's per-aggregate policy.
     *
     * @param aggregateType the stored aggregate type, null for an event published outside an aggregate
     * @param payloadType   the stored payload type name
     * @param payload       the serialized payload (JSON)
     */
    public static String sequenceOf(String aggregateType, String aggregateId, String payloadType, String payload) {
        if (PERSON_AGGREGATE.equals(aggregateType)) {
            return aggregateId;
        }
        String field = PERSON_FIELD.computeIfAbsent(payloadType, DataSubjects::personFieldOf).orElse(null);
        String person = field == null ? null : topLevelString(payload, field);
        return person != null ? person : aggregateId;
    }

    private static final Map<String, Optional<String>> PERSON_FIELD = new ConcurrentHashMap<>();
    private static final JsonFactory JSON = new JsonFactory();

    /** The string value of a top-level field, reading no further than it; null when absent or not a string. */
    static String topLevelString(String json, String field) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain && PERSON_AGGREGATE.equals(domain.getType())) {
            return domain.getAggregateIdentifier();
        }
        PersonId person = DataSubjects.personOf(event.getPayload());
        return person != null ? person.toString() : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}

package app.oo.query.rebuild;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import app.oo.domain.erasure.PersonErasedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the rebuild service and the status list need straight from Axon's tables: the store's
 * head and tail, the age of the oldest event a processor has not handled, the committed tokens of
 * a processor (on whichever node it runs), and every erasure on record.
 */
final class EventStoreFacts {

    private static final Logger log = LoggerFactory.getLogger(EventStoreFacts.class);
    private static final Table<?> EVENTS = table(name("domainevententry"));
    private static final Field<Long> GLOBAL_INDEX = field(name("globalindex"), Long.class);
    private static final Field<String> TIMESTAMP = field(name("timestamp"), String.class);
    private static final Field<String> PAYLOAD_TYPE = field(name("payloadtype"), String.class);
    private static final Field<String> PAYLOAD_REVISION = field(name("payloadrevision"), String.class);
    private static final Field<byte[]> PAYLOAD = field(name("payload"), byte[].class);
    private static final Table<?> TOKENS = table(name("tokenentry"));
    private static final Field<String> PROCESSOR = field(name("processorname"), String.class);
    private static final Field<Integer> SEGMENT = field(name("segment"), Integer.class);
    private static final Field<byte[]> TOKEN = field(name("token"), byte[].class);
    private static final Field<String> TOKEN_TYPE = field(name("tokentype"), String.class);

    private final DSLContext db;

    EventStoreFacts(DSLContext db) {
        this.db = db;
    }

    /** The newest global index, 0 when the store is empty. */
    long head() {
        Long head = db.select(max(GLOBAL_INDEX)).from(EVENTS).fetchOne(0, Long.class);
        return head == null ? 0 : head;
    }

    /** The position just before the oldest event, 0 when the store is empty. */
    long tail() {
        Long first = db.select(min(GLOBAL_INDEX)).from(EVENTS).fetchOne(0, Long.class);
        return first == null ? 0 : first - 1;
    }

    /** How long the oldest event after {@code position} has waited; zero when there is none. */
    Duration ageOfNextEvent(long position, Instant now) {
        String timestamp = db.select(TIMESTAMP).from(EVENTS).where(GLOBAL_INDEX.gt(position))
                .orderBy(GLOBAL_INDEX).limit(1).fetchOne(TIMESTAMP);
        if (timestamp == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(Instant.parse(timestamp), now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /**
     * The position a processor has committed: the lowest over its segments. Empty when it has no
     * token yet or a segment has not handled any event.
     */
    OptionalLong committedPosition(String processor, Serializer serializer) {
        List<TrackingToken> tokens = new ArrayList<>();
        boolean[] unstarted = {false};
        db.select(SEGMENT, TOKEN, TOKEN_TYPE).from(TOKENS).where(PROCESSOR.eq(processor)).fetch().forEach(r -> {
            if (r.value2() == null) {
                unstarted[0] = true;
            } else {
                tokens.add(serializer.deserialize(new SimpleSerializedObject<>(r.value2(), byte[].class, r.value3(),
                        null)));
            }
        });
        if (unstarted[0] || tokens.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            OptionalLong position = token.position();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return OptionalLong.of(lowest);
    }

    int segments(String processor) {
        return db.fetchCount(TOKENS, PROCESSOR.eq(processor));
    }

    void deleteTokens(String processor) {
        db.deleteFrom(TOKENS).where(PROCESSOR.eq(processor)).execute();
    }

    /** Every erasure in the store, read with the store's serializer; one that cannot be read is logged. */
    List<PersonErasedEvent> erasures(Serializer serializer) {
        List<PersonErasedEvent> erasures = new ArrayList<>();
        db.select(PAYLOAD, PAYLOAD_TYPE, PAYLOAD_REVISION).from(EVENTS)
                // a literal, so that PostgreSQL reads the partial index on erasure events (command-side V14)
                .where(PAYLOAD_TYPE.eq(inline(PersonErasedEvent.class.getName())))
                .fetch()
                .forEach(r -> {
                    try {
                        erasures.add(serializer.deserialize(
                                new SimpleSerializedObject<>(r.value1(), byte[].class, r.value2(), r.value3())));
                    } catch (RuntimeException e) {
                        log.warn("an erasure event could not be read ({}); the replay drops that person when it"
                                + " reaches the event", e.getMessage());
                    }
                });
        return erasures;
    }
}

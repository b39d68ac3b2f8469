package app.oo.query.platform;

import app.oo.domain.person.PersonId;
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

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain && PERSON_AGGREGATE.equals(domain.getType())) {
            return domain.getAggregateIdentifier();
        }
        PersonId person = DataSubjects.personOf(event.getPayload());
        return person != null ? person.toString() : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}

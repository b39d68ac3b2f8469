package app.oo.query.deadletter;

import app.oo.domain.projection.DeadLetterRetryView;
import app.oo.domain.projection.DeadLetterView;
import app.oo.domain.projection.DeadLetterQueuesView;
import app.oo.domain.projection.DeadLettersView;
import app.oo.domain.projection.FindAllDeadLettersQuery;
import app.oo.domain.projection.FindDeadLettersQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The projections' dead letters for the analyst API: list them, retry one sequence or all of a
 * projection (Axon handles each sequence from its first letter on, in order, and stops at the first
 * that fails again), evict one letter. Listing reads the payload's type only, never the payload.
 */
@Component
public class ProjectionDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(ProjectionDeadLetters.class);
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final List<String> projections;
    private final ObjectProvider<Configuration> axon;

    public ProjectionDeadLetters(DeadLetterGroups groups, ObjectProvider<Configuration> axon) {
        this.projections = groups.names();
        this.axon = axon;
    }

    public boolean knows(String projection) {
        return projections.contains(projection);
    }

    /** Every group's queue, empty ones included, each with at most {@code limit} letters. */
    @QueryHandler
    public DeadLetterQueuesView handle(FindAllDeadLettersQuery query) {
        return new DeadLetterQueuesView(projections.stream()
                .map(group -> handle(new FindDeadLettersQuery(group, query.limit())))
                .toList());
    }

    @QueryHandler
    public DeadLettersView handle(FindDeadLettersQuery query) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(query.projection());
        if (queue.isEmpty()) {
            return null;
        }
        SequencedDeadLetterQueue<EventMessage<?>> q = queue.get();
        List<DeadLetterView> letters = new ArrayList<>();
        outer:
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : q.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letters.size() >= query.limit()) {
                    break outer;
                }
                letters.add(view(letter));
            }
        }
        return new DeadLettersView(query.projection(), q.size(), q.amountOfSequences(), letters);
    }

    private static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Long globalIndex = null;
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            TrackingToken token = tracked.trackingToken();
            globalIndex = token.position().isPresent() ? token.position().getAsLong() : null;
        }
        Object retries = letter.diagnostics().get(DeadLetterPolicy.RETRIES);
        String id = letter instanceof JdbcDeadLetter<?> j ? j.getIdentifier() : null;
        String sequence = letter instanceof JdbcDeadLetter<?> j ? j.getSequenceIdentifier() : null;
        long index = letter instanceof JdbcDeadLetter<?> j ? j.getSequenceIndex() : 0;
        return new DeadLetterView(id, sequence, index, event.getPayloadType().getSimpleName(), event.getIdentifier(),
                globalIndex, letter.cause().map(Cause::type).orElse(null),
                letter.cause().map(Cause::message).orElse(null), letter.enqueuedAt(), letter.lastTouched(),
                retries instanceof Number n ? n.longValue() : 0);
    }

    /**
     * Handles the projection's dead letters again: one sequence, or every sequence once when
     * {@code sequenceId} is null. Returns null when no projection has that name.
     */
    public DeadLetterRetryView retry(String projection, String sequenceId) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(projection);
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = axon.getObject()
                .eventProcessingConfiguration().sequencedDeadLetterProcessor(projection);
        if (queue.isEmpty() || processor.isEmpty()) {
            return null;
        }
        long retried = 0;
        long cleared = 0;
        if (sequenceId != null) {
            if (queue.get().contains(sequenceId)) {
                retried = 1;
                processor.get().process(letter -> letter instanceof JdbcDeadLetter<?> j
                        && sequenceId.equals(j.getSequenceIdentifier()));
                cleared = queue.get().contains(sequenceId) ? 0 : 1;
            }
        } else {
            long sequences = queue.get().amountOfSequences();
            long started = System.nanoTime();
            long lastReport = started;
            for (long i = 0; i < sequences; i++) {
                long before = queue.get().amountOfSequences();
                if (before == 0) {
                    break;
                }
                processor.get().processAny();
                retried++;
                cleared += Math.max(0, before - queue.get().amountOfSequences());
                if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = System.nanoTime();
                    double rate = retried / Math.max(1e-9, (lastReport - started) / 1e9);
                    log.info("{}: retrying dead letters, {}/{} sequences, {} cleared, {} sequences/s, ETA {} s",
                            projection, retried, sequences, cleared, Math.round(rate),
                            Math.round((sequences - retried) / Math.max(rate, 1e-9)));
                }
            }
        }
        long remaining = queue.get().size();
        log.info("{}: retried {} dead-letter sequence(s), {} cleared, {} letter(s) left", projection, retried, cleared,
                remaining);
        return new DeadLetterRetryView(projection, retried, cleared, remaining);
    }

    /** Removes one letter without handling it; false when the projection has no such letter. */
    public boolean evict(String projection, String deadLetterId) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(projection);
        if (queue.isEmpty()) {
            return false;
        }
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.get().deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter instanceof JdbcDeadLetter<?> j && Objects.equals(j.getIdentifier(), deadLetterId)) {
                    queue.get().evict(letter);
                    log.info("{}: evicted dead letter {} of sequence {} without handling it", projection,
                            deadLetterId, j.getSequenceIdentifier());
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String projection) {
        if (!knows(projection)) {
            return Optional.empty();
        }
        return axon.getObject().eventProcessingConfiguration().deadLetterQueue(projection);
    }
}

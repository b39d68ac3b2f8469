package app.oo.domain.projection;

import java.time.Instant;

/**
 * One event a projection could not handle, or one queued behind such an event in its sequence.
 *
 * @param deadLetterId  the letter's id in the queue (to evict it)
 * @param sequenceId    the sequence it holds back: the person's pseudonymous id for personal events
 * @param sequenceIndex its place in the sequence (the first is the one that failed)
 * @param eventType     the event's type (simple name)
 * @param eventId       the event's identifier in the store
 * @param globalIndex   the event's position in the store, when known
 * @param causeType     what failed (exception type), null for a letter queued behind another
 * @param cause         exception types and SQL facts by name, never a value; null as for causeType
 * @param enqueuedAt    when it entered the queue
 * @param lastTouched   when it was last enqueued or retried
 * @param retries       retries that failed
 */
public record DeadLetterView(String deadLetterId, String sequenceId, long sequenceIndex, String eventType,
                             String eventId, Long globalIndex, String causeType, String cause, Instant enqueuedAt,
                             Instant lastTouched, long retries) {
}

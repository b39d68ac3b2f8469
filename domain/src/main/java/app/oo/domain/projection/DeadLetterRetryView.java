package app.oo.domain.projection;

/**
 * What a retry of dead letters did.
 *
 * @param sequencesRetried  sequences taken from the queue and handled again
 * @param sequencesCleared  of those, the ones handled to their end and gone from the queue
 * @param remaining         letters left in the projection's queue
 */
public record DeadLetterRetryView(String projection, long sequencesRetried, long sequencesCleared, long remaining) {
}

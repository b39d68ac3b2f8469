package app.oo.domain.projection;

/**
 * The dead letters of every processing group that has a queue; answers {@link DeadLetterQueuesView}.
 *
 * @param limit at most this many letters per group
 */
public record FindAllDeadLettersQuery(int limit) {
}

package app.oo.domain.projection;

/**
 * The dead letters of one projection; answers {@link DeadLettersView}, or null when no projection has
 * that name.
 *
 * @param limit at most this many letters, oldest sequences first
 */
public record FindDeadLettersQuery(String projection, int limit) {
}

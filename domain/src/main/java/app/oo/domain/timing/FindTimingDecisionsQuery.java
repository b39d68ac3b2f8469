package app.oo.domain.timing;

import java.time.Instant;

/**
 * Timing decisions, newest first; answers {@link TimingDecisionsView}.
 *
 * @param personKey a person's pseudonymous key, or null for every person
 * @param from      decided at or after, or null
 * @param to        decided before, or null
 * @param limit     at most this many, 1 to {@value #MAX_LIMIT}
 */
public record FindTimingDecisionsQuery(String personKey, Instant from, Instant to, int limit) {

    public static final int MAX_LIMIT = 1000;

    public FindTimingDecisionsQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}

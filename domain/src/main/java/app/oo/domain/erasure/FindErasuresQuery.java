package app.oo.domain.erasure;

/**
 * Every erasure, newest first: what compliance staff replay after a restore or a rebuild.
 * Answers {@link ErasuresView}.
 *
 * @param limit at most this many erasures (1 to {@link #MAX_LIMIT})
 */
public record FindErasuresQuery(int limit) {

    public static final int MAX_LIMIT = 10_000;

    public FindErasuresQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}

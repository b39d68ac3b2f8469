package app.oo.domain.tip;

import app.oo.domain.person.PersonId;

/**
 * The person's tips, newest first, with their reactions. Answers {@link TipHistoryResponse}.
 *
 * @param limit at most this many tips (1 to {@link #MAX_LIMIT})
 */
public record FindTipHistoryQuery(PersonId personId, int limit) {

    public static final int MAX_LIMIT = 500;

    public FindTipHistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}

package app.oo.query.deadletter;

import java.util.List;

/**
 * The processing groups with a dead-letter queue: every projection of the rebuild catalogue, and
 * the timing view, which is no projection to rebuild but a query-side processing group all the same.
 */
public record DeadLetterGroups(List<String> names) {

    public DeadLetterGroups {
        names = List.copyOf(names);
    }
}

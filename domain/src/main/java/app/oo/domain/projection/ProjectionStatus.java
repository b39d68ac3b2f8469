package app.oo.domain.projection;

import java.util.List;

/**
 * One projection (a tracking processor and the tables it keeps).
 *
 * @param status     {@code running}, {@code error}, {@code stopped}, or {@code not-on-this-node}
 * @param replaying  whether the processor itself is replaying (its tokens were reset)
 * @param position   the lowest global position its segments have handled (null before the first event)
 * @param lagEvents  events in the store past {@code position}
 * @param lagSeconds age of the oldest event not yet handled (0 when caught up)
 * @param error      the processor's error, when {@code status} is {@code error}
 * @param rebuild    the latest rebuild started on this node, or null
 */
public record ProjectionStatus(String name, List<String> tables, String status, boolean replaying, Long position,
                               long lagEvents, double lagSeconds, int segments, String error, RebuildView rebuild) {

    public ProjectionStatus {
        tables = List.copyOf(tables);
    }
}

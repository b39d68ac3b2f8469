package app.oo.domain.projection;

import java.util.List;

/**
 * Answer to {@link FindProjectionsQuery}.
 *
 * @param head the event store's newest global position (0 when it is empty)
 */
public record ProjectionsView(long head, List<ProjectionStatus> projections) {

    public ProjectionsView {
        projections = List.copyOf(projections);
    }
}

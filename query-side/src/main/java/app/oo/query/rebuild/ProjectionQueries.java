package app.oo.query.rebuild;

import app.oo.domain.projection.FindProjectionsQuery;
import app.oo.domain.projection.FindRebuildQuery;
import app.oo.domain.projection.ProjectionsView;
import app.oo.domain.projection.RebuildView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the operational queries about projections and their rebuilds. */
@Component
public class ProjectionQueries {

    private final ProjectionRebuilds rebuilds;

    public ProjectionQueries(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** Every projection, or the one named (none when the name is unknown). */
    @QueryHandler
    public ProjectionsView handle(FindProjectionsQuery query) {
        return rebuilds.status(query.projection());
    }

    /** The rebuild, or null when this node knows none with that id. */
    @QueryHandler
    public RebuildView handle(FindRebuildQuery query) {
        return rebuilds.find(query.rebuildId());
    }
}

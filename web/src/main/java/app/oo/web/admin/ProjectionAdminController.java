package app.oo.web.admin;

import app.oo.domain.projection.FindProjectionsQuery;
import app.oo.domain.projection.FindRebuildQuery;
import app.oo.domain.projection.ProjectionStatus;
import app.oo.domain.projection.ProjectionsView;
import app.oo.domain.projection.RebuildView;
import app.oo.query.rebuild.ProjectionRebuilds;
import app.oo.query.rebuild.RebuildRefusedException;
import app.oo.web.problem.InvalidRequestException;
import app.oo.web.problem.Problems;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/api/projections} (analyst role, see the API security chain): every projection with
 * its position, lag and status; rebuilds with their progress. Reads go through the query gateway;
 * starting and cancelling a rebuild are operations on the query side's rebuild service.
 * Described in docs/api/admin-projections.yaml; {@code infra/bin/oo-admin} is its command line.
 */
@RestController
@RequestMapping("/admin/api/projections")
public class ProjectionAdminController {

    private final QueryGateway queries;
    private final ProjectionRebuilds rebuilds;

    public ProjectionAdminController(QueryGateway queries, ProjectionRebuilds rebuilds) {
        this.queries = queries;
        this.rebuilds = rebuilds;
    }

    /**
     * What a rebuild should do; every field is optional.
     *
     * @param asOf     leave out events after this instant (needs {@code snapshot})
     * @param snapshot write into this new schema instead of swapping the live tables
     * @param verify   before the swap, count rows that differ between the live and the rebuilt tables
     */
    public record RebuildRequest(Instant asOf, String snapshot, Boolean verify) {
    }

    @GetMapping
    public ProjectionsView list() {
        return queries.query(FindProjectionsQuery.all(), ProjectionsView.class).join();
    }

    @GetMapping("/{name}")
    public ResponseEntity<ProjectionStatus> one(@PathVariable String name) {
        ProjectionsView view = queries.query(new FindProjectionsQuery(name), ProjectionsView.class).join();
        return view.projections().isEmpty() ? ResponseEntity.notFound().build()
                : ResponseEntity.ok(view.projections().get(0));
    }

    @PostMapping("/{name}/rebuilds")
    public ResponseEntity<RebuildView> rebuild(@PathVariable String name,
                                               @RequestBody(required = false) RebuildRequest request) {
        RebuildRequest r = request == null ? new RebuildRequest(null, null, false) : request;
        RebuildView started = rebuilds.start(name, r.asOf(), r.snapshot(), Boolean.TRUE.equals(r.verify()));
        return ResponseEntity.accepted()
                .location(URI.create("/admin/api/projections/" + name + "/rebuilds/" + started.rebuildId()))
                .body(started);
    }

    @GetMapping("/{name}/rebuilds/{rebuildId}")
    public ResponseEntity<RebuildView> progress(@PathVariable String name, @PathVariable String rebuildId) {
        RebuildView view = queries.query(new FindRebuildQuery(uuid(rebuildId)), RebuildView.class).join();
        return view == null || !view.projection().equals(name) ? ResponseEntity.notFound().build()
                : ResponseEntity.ok(view);
    }

    @DeleteMapping("/{name}/rebuilds/{rebuildId}")
    public ResponseEntity<RebuildView> cancel(@PathVariable String name, @PathVariable String rebuildId) {
        return ResponseEntity.accepted().body(rebuilds.cancel(uuid(rebuildId)));
    }

    @ExceptionHandler(RebuildRefusedException.class)
    ProblemDetail refused(RebuildRefusedException e) {
        return switch (e.reason()) {
            case UNKNOWN_PROJECTION, UNKNOWN_REBUILD -> Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage(),
                    null);
            case ALREADY_RUNNING -> Problems.of(HttpStatus.CONFLICT, "Rebuild under way", e.getMessage(), null);
            case INVALID -> Problems.invalid(e.field(), e.getMessage());
        };
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("rebuildId", "is a UUID, was '" + value + "'");
        }
    }
}

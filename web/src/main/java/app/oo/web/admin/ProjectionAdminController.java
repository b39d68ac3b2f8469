package app.oo.web.admin;

import app.oo.domain.projection.DeadLetterQueuesView;
import app.oo.domain.projection.DeadLetterRetryView;
import app.oo.domain.projection.DeadLettersView;
import app.oo.domain.projection.FindAllDeadLettersQuery;
import app.oo.domain.projection.FindDeadLettersQuery;
import app.oo.domain.projection.FindProjectionsQuery;
import app.oo.domain.projection.FindRebuildQuery;
import app.oo.domain.projection.ProjectionStatus;
import app.oo.domain.projection.ProjectionsView;
import app.oo.domain.projection.RebuildView;
import app.oo.query.deadletter.ProjectionDeadLetters;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/api/projections} (analyst role, see the API security chain): every projection with
 * its position, lag and status; rebuilds with their progress; the events a projection could not
 * handle (dead letters), retried or evicted. Reads go through the query gateway; starting and
 * cancelling a rebuild, retrying and evicting letters are operations on the query side's services.
 * Described in docs/api/admin-projections.yaml; {@code infra/bin/oo-admin} is its command line.
 */
@RestController
@RequestMapping("/admin/api/projections")
public class ProjectionAdminController {

    private final QueryGateway queries;
    static final int MAX_DEAD_LETTERS = 1000;

    private final ProjectionRebuilds rebuilds;
    private final ProjectionDeadLetters deadLetters;

    public ProjectionAdminController(QueryGateway queries, ProjectionRebuilds rebuilds,
                                     ProjectionDeadLetters deadLetters) {
        this.queries = queries;
        this.rebuilds = rebuilds;
        this.deadLetters = deadLetters;
    }

    /**
     * Which dead letters to retry.
     *
     * @param sequenceId one sequence (as listed); absent: every sequence of the projection once
     */
    public record RetryRequest(String sequenceId) {
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

    /** Every group's queue at once (the projections and the timing view), for the console. */
    @GetMapping("/dead-letters")
    public DeadLetterQueuesView allDeadLetters(@RequestParam(defaultValue = "100") String limit) {
        return queries.query(new FindAllDeadLettersQuery(limit(limit)), DeadLetterQueuesView.class).join();
    }

    @GetMapping("/{name}/dead-letters")
    public ResponseEntity<DeadLettersView> deadLetters(@PathVariable String name,
                                                       @RequestParam(defaultValue = "100") String limit) {
        DeadLettersView view = queries.query(new FindDeadLettersQuery(name, limit(limit)), DeadLettersView.class)
                .join();
        return view == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(view);
    }

    @PostMapping("/{name}/dead-letters/retries")
    public DeadLetterRetryView retry(@PathVariable String name, @RequestBody(required = false) RetryRequest request) {
        String sequenceId = request == null ? null : request.sequenceId();
        if (sequenceId != null && (sequenceId.isBlank() || sequenceId.length() > 255)) {
            throw new InvalidRequestException("sequenceId", "a sequence id as listed (1 to 255 characters), or"
                    + " absent to retry every sequence");
        }
        DeadLetterRetryView result = deadLetters.retry(name, sequenceId);
        if (result == null) {
            throw unknown(name);
        }
        return result;
    }

    @DeleteMapping("/{name}/dead-letters/{deadLetterId}")
    public ResponseEntity<Void> evict(@PathVariable String name, @PathVariable String deadLetterId) {
        if (!deadLetters.knows(name)) {
            throw unknown(name);
        }
        return deadLetters.evict(name, deadLetterId) ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_DEAD_LETTERS) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "an integer from 1 to " + MAX_DEAD_LETTERS + ", was '" + value + "'");
    }

    private static RebuildRefusedException unknown(String name) {
        return new RebuildRefusedException(RebuildRefusedException.Reason.UNKNOWN_PROJECTION, "name",
                "no projection '" + name + "'");
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

package app.oo.web.simulation;

import app.oo.web.problem.InvalidRequestException;
import app.oo.web.problem.Problems;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The analyst's simulation runs (analyst role, docs/api/admin.yaml): start one, follow its
 * progress, read its report and summary.
 */
@RestController
@RequestMapping(SimulationController.BASE)
public class SimulationController {

    static final String BASE = "/admin/api/simulations";
    /**
     * The report is ml/pipelines' own self-contained page: inline styles and inline PNG plots, no
     * script. It gets a policy of its own that allows exactly that, in a sandbox.
     */
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

    private final SimulationRunner runner;
    private final JdbcClient jdbc;

    public SimulationController(SimulationRunner runner, JdbcClient jdbc) {
        this.runner = runner;
        this.jdbc = jdbc;
    }

    /** A run with the links the console follows; report and summary once the run succeeded. */
    public record RunView(String id, SimulationStatus status, SimulationRequest request, String startedBy,
                          Instant createdAt, Instant startedAt, Instant finishedAt, Integer exitCode, String error,
                          SimulationProgress progress, Map<String, String> links) {

        static RunView of(SimulationRun run) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("self", BASE + "/" + run.id());
            if (run.status() == SimulationStatus.SUCCEEDED) {
                links.put("report", BASE + "/" + run.id() + "/report");
                links.put("summary", BASE + "/" + run.id() + "/summary");
            }
            return new RunView(run.id(), run.status(), run.request(), run.startedBy(), run.createdAt(),
                    run.startedAt(), run.finishedAt(), run.exitCode(), run.error(), run.progress(), links);
        }
    }

    public record RunList(List<RunView> runs) {
    }

    @PostMapping
    public ResponseEntity<RunView> start(@RequestBody(required = false) SimulationRequest body,
                                         Authentication analyst) {
        SimulationRequest request = (body == null ? new SimulationRequest(null, null, null, null, null, null) : body)
                .validated();
        boolean hasLog = jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?"
                        + " AND table_name = 'decision_log'")
                .param(request.schema()).query(Long.class).single() > 0;
        if (!hasLog) {
            throw new InvalidRequestException("schema", "no decision_log table in schema '" + request.schema() + "'");
        }
        SimulationRun run = runner.start(request, analyst.getName());
        return ResponseEntity.accepted().location(URI.create(BASE + "/" + run.id())).body(RunView.of(run));
    }

    @GetMapping
    public RunList list() {
        return new RunList(runner.list().stream().map(RunView::of).toList());
    }

    @GetMapping("/{id}")
    public ResponseEntity<RunView> run(@PathVariable String id) {
        return runner.find(id).map(RunView::of).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/{id}/report")
    public ResponseEntity<Resource> report(@PathVariable String id) {
        return runner.file(id, SimulationRunner.REPORT)
                .map(file -> ResponseEntity.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                        .header("Content-Security-Policy", REPORT_POLICY)
                        .<Resource>body(new FileSystemResource(file)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/{id}/summary")
    public ResponseEntity<Resource> summary(@PathVariable String id) {
        return runner.file(id, SimulationRunner.SUMMARY)
                .map(file -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .<Resource>body(new FileSystemResource(file)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Errors of this API as problems: a full queue asks the analyst to wait. */
    @RestControllerAdvice(assignableTypes = SimulationController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {

        @ExceptionHandler(SimulationRunner.QueueFullException.class)
        ResponseEntity<ProblemDetail> queueFull(SimulationRunner.QueueFullException e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "60")
                    .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Simulations queued", e.getMessage(), null));
        }
    }
}

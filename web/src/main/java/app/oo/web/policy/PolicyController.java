package app.oo.web.policy;

import app.oo.domain.policy.GateCheck;
import app.oo.domain.policy.PolicyPromotedEvent;
import app.oo.domain.policy.PolicyRef;
import app.oo.domain.policy.PromotePolicyCommand;
import app.oo.domain.policy.PromotionEvidence;
import app.oo.domain.policy.PromotionRefusedException;
import app.oo.domain.policy.FetchShadowRunsQuery;
import app.oo.domain.policy.ShadowRunStats;
import app.oo.domain.policy.ShadowRunsView;
import app.oo.sagas.ml.MlServing;
import app.oo.sagas.ml.Policies;
import app.oo.sagas.ml.PolicyInfo;
import app.oo.web.problem.Problems;
import app.oo.web.simulation.SimulationRun;
import app.oo.web.simulation.SimulationRunner;
import app.oo.web.simulation.SimulationStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The tip policies for analysts (docs/api/admin.yaml): what ml/serving serves and runs in the
 * shadow with its online numbers, the shadow runs of the live decision log, the promotions so far,
 * and the promotion itself, which the policy registry accepts only through the promotion gate.
 */
@RestController
@RequestMapping(PolicyController.BASE)
public class PolicyController {

    static final String BASE = "/admin/api/policies";
    private static final Logger log = LoggerFactory.getLogger(PolicyController.class);
    private static final Duration ML_LIMIT = Duration.ofSeconds(5);
    private static final int SHOWN_RUNS = 10;
    private static final int SHOWN_PROMOTIONS = 20;

    private final MlServing ml;
    private final QueryGateway queries;
    private final CommandGateway commands;
    private final EventStore events;
    private final SimulationRunner simulations;
    private final ObjectMapper json;
    private final Clock clock;

    public PolicyController(MlServing ml, QueryGateway queries, CommandGateway commands, EventStore events,
                            SimulationRunner simulations, ObjectMapper json, Clock clock) {
        this.ml = ml;
        this.queries = queries;
        this.commands = commands;
        this.events = events;
        this.simulations = simulations;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param serving      ml/serving's policies with their online values; null while it does not answer
     * @param servingError why {@code serving} is null
     * @param currentShadow the live log's numbers for the pairing ml/serving runs now; null before its first decision
     * @param shadowRuns   every recent pairing in the live log, newest first
     * @param promotions   the registry's promotions, newest first
     */
    public record PoliciesView(Policies serving, String servingError, ShadowRunStats currentShadow,
                               List<ShadowRunStats> shadowRuns, List<PolicyPromotedEvent> promotions) {
    }

    /** An accepted promotion: recorded, and on its way to ml/serving. */
    public record PromotionAccepted(PolicyRef promoted, PolicyRef previousIncumbent, String simulationId,
                                    PromotionEvidence evidence, String promotedBy, Instant promotedAt) {
    }

    @GetMapping
    public PoliciesView policies() {
        Policies serving = null;
        String servingError = null;
        try {
            serving = servingPolicies();
        } catch (MlServingUnavailable e) {
            servingError = e.getMessage();
        }
        List<ShadowRunStats> runs = queries.query(new FetchShadowRunsQuery(SHOWN_RUNS),
                ResponseTypes.instanceOf(ShadowRunsView.class)).join().runs();
        ShadowRunStats current = null;
        if (serving != null) {
            PolicyRef incumbent = ref(serving.incumbent());
            PolicyRef shadow = ref(serving.shadow());
            current = runs.stream().filter(r -> r.incumbent().equals(incumbent) && r.shadow().equals(shadow))
                    .findFirst().orElse(null);
        }
        return new PoliciesView(serving, servingError, current, runs, promotions());
    }

    @PostMapping("/promote")
    public ResponseEntity<PromotionAccepted> promote(@RequestBody(required = false) PromoteRequestBody body,
                                                     Authentication analyst) {
        PromoteRequestBody request = (body == null ? new PromoteRequestBody(null, null, null) : body).validated();
        SimulationRun run = simulations.find(request.simulationId()).orElseThrow(() -> new UnknownSimulation(
                request.simulationId()));
        if (run.status() != SimulationStatus.SUCCEEDED) {
            throw new PromotionRefusedException("simulation_succeeded", "simulation " + run.id() + " is "
                    + run.status().wireName() + (run.error() == null ? "" : " (" + run.error() + ")")
                    + "; only a succeeded run is evidence");
        }
        Path summaryFile = simulations.file(run.id(), SimulationRunner.SUMMARY).orElseThrow(() ->
                new PromotionRefusedException("simulation_succeeded", "simulation " + run.id()
                        + " has no summary.json"));
        PromotionEvidence evidence = PromotionEvidenceReader.read(readJson(summaryFile), run.id(), request.policy(),
                request.spec());
        Policies serving = servingPolicies();
        Instant now = clock.instant();
        commands.sendAndWait(new PromotePolicyCommand(PromotePolicyCommand.REGISTRY_ID, request.policy(),
                ref(serving.incumbent()), ref(serving.shadow()), run.id(), evidence, analyst.getName(), now));
        return ResponseEntity.accepted().location(URI.create(BASE))
                .body(new PromotionAccepted(ref(serving.shadow()), ref(serving.incumbent()), run.id(), evidence,
                        analyst.getName(), now));
    }

    private Policies servingPolicies() {
        try {
            return ml.policies().get(ML_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new MlServingUnavailable("ml/serving did not answer GET /policies: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new MlServingUnavailable("ml/serving did not answer GET /policies within " + ML_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlServingUnavailable("interrupted while asking ml/serving for its policies");
        }
    }

    private List<PolicyPromotedEvent> promotions() {
        List<PolicyPromotedEvent> promoted = new ArrayList<>();
        events.readEvents(PromotePolicyCommand.REGISTRY_ID).asStream()
                .filter(e -> e.getPayload() instanceof PolicyPromotedEvent)
                .forEach(e -> promoted.add(0, (PolicyPromotedEvent) e.getPayload()));
        return promoted.size() > SHOWN_PROMOTIONS ? promoted.subList(0, SHOWN_PROMOTIONS) : promoted;
    }

    private JsonNode readJson(Path file) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static PolicyRef ref(PolicyInfo info) {
        return new PolicyRef(info.name(), info.version());
    }

    /** ml/serving is needed to know what it serves; without it nothing is promoted. */
    static class MlServingUnavailable extends RuntimeException {
        MlServingUnavailable(String message) {
            super(message);
        }
    }

    static class UnknownSimulation extends RuntimeException {
        UnknownSimulation(String id) {
            super("no simulation run '" + id + "'");
        }
    }

    /** Refusals answer 409 with the check that failed and its numbers. */
    @RestControllerAdvice(assignableTypes = PolicyController.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Advice {

        @ExceptionHandler(PromotionRefusedException.class)
        ProblemDetail refused(PromotionRefusedException e) {
            ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Promotion refused", e.getMessage(), null);
            problem.setProperty("check", e.check());
            problem.setProperty("checks", e.failed().stream().map(Advice::asMap).toList());
            return problem;
        }

        /** Axon wraps a handler's exception when the command crossed a process boundary. */
        @ExceptionHandler(CommandExecutionException.class)
        ProblemDetail commandFailed(CommandExecutionException e) {
            if (e.getCause() instanceof PromotionRefusedException refused) {
                return refused(refused);
            }
            log.error("promotion command failed", e);
            return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error",
                    "the request failed on oO's side; it was logged", null);
        }

        @ExceptionHandler(MlServingUnavailable.class)
        ProblemDetail unavailable(MlServingUnavailable e) {
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "ml/serving unavailable", e.getMessage(), null);
        }

        @ExceptionHandler(UnknownSimulation.class)
        ProblemDetail unknown(UnknownSimulation e) {
            return Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
        }

        private static java.util.Map<String, Object> asMap(GateCheck check) {
            return java.util.Map.of("name", check.name(), "passed", check.passed(), "detail", check.detail());
        }
    }
}

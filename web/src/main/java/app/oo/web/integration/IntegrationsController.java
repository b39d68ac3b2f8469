package app.oo.web.integration;

import app.oo.domain.integration.FindIntegrationsQuery;
import app.oo.domain.integration.IntegrationsView;
import app.oo.domain.person.PersonId;
import app.oo.web.identity.CurrentPerson;
import app.oo.web.problem.InvalidRequestException;
import app.oo.web.problem.Problems;
import app.oo.web.todoist.TodoistConnections;
import app.oo.web.todoist.TodoistSync;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The person's integrations: {@code GET} lists each provider with its status and last sync,
 * {@code POST /{provider}/sync} syncs now (202, in the background), {@code DELETE /{provider}}
 * disconnects (revoked at the provider, the token deleted). Connecting goes through the browser:
 * {@code /integrations/todoist/connect}.
 */
@RestController
@RequestMapping("/api/integrations")
public class IntegrationsController {

    static final String CONNECTED = "connected";
    static final String NEEDS_RECONNECT = "needs-reconnect";
    static final String REVOKED = "revoked";

    private final CurrentPerson currentPerson;
    private final QueryGateway queries;
    private final TodoistConnections todoist;
    private final TodoistSync sync;

    public IntegrationsController(CurrentPerson currentPerson, QueryGateway queries, TodoistConnections todoist,
                                  TodoistSync sync) {
        this.currentPerson = currentPerson;
        this.queries = queries;
        this.todoist = todoist;
        this.sync = sync;
    }

    /** One provider as the person sees it. {@code status}: connected, needs-reconnect, revoked. */
    public record Integration(String provider, String status, Instant connectedAt, Instant lastSyncAt,
                              String lastSyncOutcome, Instant revokedAt) {
    }

    /** A provider oO can connect, and whether it can here (its OAuth app is configured). */
    public record Provider(String provider, boolean available, String detail) {
    }

    public record Integrations(List<Integration> integrations, List<Provider> providers) {
    }

    @GetMapping
    public Integrations list(Authentication auth) {
        PersonId person = currentPerson.of(auth);
        List<Integration> integrations = new ArrayList<>();
        Optional<TodoistConnections.Status> live = todoist.status(person);
        if (live.isPresent()) {
            TodoistConnections.Status s = live.get();
            integrations.add(new Integration(TodoistConnections.PROVIDER, s.needsReconnect() ? NEEDS_RECONNECT
                    : CONNECTED, s.connectedAt(), s.lastSyncAt(), s.lastSyncOutcome(), null));
        } else {
            IntegrationsView view = queries.query(new FindIntegrationsQuery(person), IntegrationsView.class).join();
            view.integrations().stream()
                    .filter(e -> e.provider().equals(TodoistConnections.PROVIDER) && !e.connected())
                    .forEach(e -> integrations.add(new Integration(e.provider(), REVOKED, e.connectedAt(), null, null,
                            e.revokedAt())));
        }
        boolean available = todoist.available();
        return new Integrations(integrations, List.of(new Provider(TodoistConnections.PROVIDER, available,
                available ? "connect through /integrations/todoist/connect"
                        : "Todoist is not configured on this server (OO_TODOIST_CLIENT_ID, OO_TODOIST_CLIENT_SECRET)")));
    }

    @PostMapping("/{provider}/sync")
    public ResponseEntity<?> syncNow(@PathVariable String provider, Authentication auth) {
        requireKnown(provider);
        PersonId person = currentPerson.of(auth);
        if (!sync.requestSync(person)) {
            return notConnected(todoist.status(person).isPresent()
                    ? "Todoist needs a new connection before it can sync" : "Todoist is not connected");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("provider", provider, "sync", "requested"));
    }

    @DeleteMapping("/{provider}")
    public ResponseEntity<?> disconnect(@PathVariable String provider, Authentication auth) {
        requireKnown(provider);
        Optional<Boolean> revoked = todoist.disconnect(currentPerson.of(auth));
        if (revoked.isEmpty()) {
            return notConnected("Todoist is not connected");
        }
        return ResponseEntity.ok(Map.of("provider", provider, "status", REVOKED,
                "revokedAtProvider", revoked.get()));
    }

    private static void requireKnown(String provider) {
        if (!TodoistConnections.PROVIDER.equals(provider)) {
            throw new InvalidRequestException("provider", "unknown provider '" + abbreviated(provider)
                    + "'; known is '" + TodoistConnections.PROVIDER + "'");
        }
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static ResponseEntity<ProblemDetail> notConnected(String detail) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.CONFLICT, "Not connected", detail, null));
    }
}

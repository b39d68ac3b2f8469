package app.oo.web.me;

import app.oo.domain.consent.ConsentsView;
import app.oo.domain.consent.FindConsentsQuery;
import app.oo.domain.erasure.RequestErasureCommand;
import app.oo.domain.person.PersonId;
import app.oo.web.identity.AccountRepository;
import app.oo.web.identity.CurrentPerson;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me/export}: everything oO holds on the person, as a JSON download.
 * {@code DELETE /api/me}: erasure; from then on every command for the person is refused, the
 * erasure saga forgets them, the account and its tokens are deleted, and the session ends.
 */
@RestController
@RequestMapping("/api/me")
public class MeController {

    private final CurrentPerson currentPerson;
    private final AccountRepository accounts;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EventStore events;
    private final ObjectMapper json;
    private final Clock clock;

    public MeController(CurrentPerson currentPerson, AccountRepository accounts, CommandGateway commands, QueryGateway queries, EventStore events,
                        ObjectMapper json, Clock clock) {
        this.currentPerson = currentPerson;
        this.accounts = accounts;
        this.commands = commands;
        this.queries = queries;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/export")
    public ResponseEntity<Map<String, Object>> export(Authentication auth) {
        PersonId person = currentPerson.of(auth);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedAt", clock.instant());
        export.put("account", Map.of("username", auth.getName(), "personId", person.toString()));
        export.put("consents", queries.query(new FindConsentsQuery(person), ConsentsView.class).join().consents());
        List<Map<String, Object>> history = events.readEvents(person.toString()).asStream()
                .map(e -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("type", e.getPayloadType().getSimpleName());
                    entry.put("at", e.getTimestamp());
                    entry.put("data", json.convertValue(e.getPayload(), Map.class));
                    return entry;
                })
                .toList();
        export.put("events", history);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"oo-export.json\"")
                .body(export);
    }

    @DeleteMapping
    public ResponseEntity<Map<String, String>> erase(Authentication auth, HttpServletRequest request,
                                                     HttpServletResponse response) {
        PersonId person = currentPerson.of(auth);
        UUID erasureId = UUID.randomUUID();
        Instant now = clock.instant();
        commands.sendAndWait(new RequestErasureCommand(person, erasureId, "person", now));
        // The account goes with the person: no password or provider sign-in, no refresh token finds it again.
        accounts.deletePersonAccount(person);
        new SecurityContextLogoutHandler().logout(request, response, auth);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("erasureId", erasureId.toString()));
    }
}

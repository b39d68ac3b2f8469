package app.oo.web.todoist;

import app.oo.domain.consent.ConsentMissingException;
import app.oo.domain.person.PersonId;
import app.oo.web.identity.CurrentPerson;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The browser side of connecting Todoist (signed-in pages, session): {@code /connect} starts the
 * authorization-code flow with {@code state} and PKCE and sends the browser to Todoist;
 * {@code /callback} checks the state (once, by the same person, before it expires), exchanges the
 * code, connects, and sends the browser back to {@code /me} with the outcome in {@code ?todoist=}.
 * Any failure stores nothing.
 */
@Controller
@RequestMapping("/integrations/todoist")
public class TodoistConnectController {

    private static final Logger log = LoggerFactory.getLogger(TodoistConnectController.class);

    private final TodoistProperties settings;
    private final TodoistClient client;
    private final OAuthStates states;
    private final TodoistConnections connections;
    private final TodoistSync sync;
    private final CurrentPerson currentPerson;

    public TodoistConnectController(TodoistProperties settings, TodoistClient client, OAuthStates states,
                                    TodoistConnections connections, TodoistSync sync, CurrentPerson currentPerson) {
        this.settings = settings;
        this.client = client;
        this.states = states;
        this.connections = connections;
        this.sync = sync;
        this.currentPerson = currentPerson;
    }

    @GetMapping("/connect")
    public ResponseEntity<Void> connect(Authentication auth, HttpServletRequest request) {
        if (!settings.enabled()) {
            return back("unavailable");
        }
        OAuthStates.Started started = states.start(currentPerson.of(auth));
        return redirect(client.authorizeUrl(started.state(), started.codeChallenge(), redirectUri()));
    }

    @GetMapping("/callback")
    public ResponseEntity<Void> callback(@RequestParam(required = false) String code,
                                         @RequestParam(required = false) String state,
                                         @RequestParam(required = false) String error, Authentication auth) {
        if (!settings.enabled()) {
            return back("unavailable");
        }
        PersonId person = currentPerson.of(auth);
        OAuthStates.Taken taken = states.take(state, person);
        if (taken.result() == OAuthStates.Result.EXPIRED) {
            return back("expired");
        }
        if (taken.result() != OAuthStates.Result.OK) {
            return back("bad-state");
        }
        if (error != null || code == null || code.isBlank() || code.length() > 500) {
            return back("denied");
        }
        try {
            connections.connect(person, code, taken.codeVerifier(), redirectUri());
        } catch (RuntimeException e) {
            if (causedBy(e, ConsentMissingException.class)) {
                return back("no-consent");
            }
            log.warn("connecting Todoist failed: {}", e instanceof TodoistClient.TodoistException
                    || e instanceof TodoistClient.UnauthorizedException ? e.getMessage() : e.getClass().getSimpleName());
            return back("failed");
        }
        sync.requestSync(person);
        return back("connected");
    }

    private String redirectUri() {
        if (settings.redirectUri() != null && !settings.redirectUri().isBlank()) {
            return settings.redirectUri();
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/integrations/todoist/callback")
                .toUriString();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Void> back(String outcome) {
        return redirect(URI.create("/me?todoist=" + outcome + "#integrations"));
    }

    private static ResponseEntity<Void> redirect(URI to) {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, to.toString()).build();
    }
}

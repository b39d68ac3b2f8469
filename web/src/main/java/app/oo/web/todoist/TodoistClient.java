package app.oo.web.todoist;

import app.oo.command.integration.ProviderToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Todoist over HTTP: the OAuth authorization-code exchange (with state and PKCE) and the active
 * tasks, page by page through {@code next_cursor}. It keeps only what a signal needs (a task's due
 * date and whether it is done), never a task's text. Blocking calls: a sync runs on its own
 * thread, never on a saga or event-handler thread.
 */
public class TodoistClient {

    /** A task as oO keeps it: no content, no project, no labels. */
    public record TaskDue(LocalDate dueDate, boolean checked) {
    }

    /** Todoist refused the token: the integration needs a refresh or a new connection. */
    public static final class UnauthorizedException extends RuntimeException {
        public UnauthorizedException() {
            super("Todoist refused the access token (HTTP 401)");
        }
    }

    /** Todoist failed or kept limiting the rate; the message holds the status, never a token. */
    public static final class TodoistException extends RuntimeException {
        public TodoistException(String message) {
            super(message);
        }
    }

    private static final int PAGE = 200;

    private final TodoistProperties settings;
    private final ObjectMapper json;
    private final HttpClient http;

    public TodoistClient(TodoistProperties settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.callTimeout()).build();
    }

    /** Where the person's browser goes to grant access; {@code state} and the PKCE challenge come back checked. */
    public URI authorizeUrl(String state, String codeChallenge, String redirectUri) {
        return URI.create(settings.authorizeUrl() + "?" + form(Map.of("client_id", settings.clientId(),
                "scope", settings.scope(), "state", state, "redirect_uri", redirectUri,
                "code_challenge", codeChallenge, "code_challenge_method", "S256")));
    }

    /** Exchanges the authorization code (with the PKCE verifier) for the access token. */
    public ProviderToken exchange(String code, String codeVerifier, String redirectUri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(settings.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("client_id", settings.clientId(),
                        "client_secret", settings.clientSecret(), "code", code, "code_verifier", codeVerifier,
                        "redirect_uri", redirectUri, "grant_type", "authorization_code")))));
        if (response.statusCode() != 200) {
            throw new TodoistException("Todoist answered HTTP " + response.statusCode() + " to the code exchange");
        }
        JsonNode body = parse(response.body());
        String access = body.path("access_token").asText(null);
        if (access == null) {
            throw new TodoistException("Todoist's token answer holds no access_token");
        }
        String refresh = body.path("refresh_token").asText(null);
        Instant expiresAt = body.hasNonNull("expires_in")
                ? Instant.now().plusSeconds(body.path("expires_in").asLong()) : null;
        return new ProviderToken(access, refresh, expiresAt);
    }

    /** Every active task, following {@code next_cursor} until Todoist says there is no more. */
    public List<TaskDue> activeTasks(ProviderToken token) {
        List<TaskDue> tasks = new ArrayList<>();
        String cursor = null;
        do {
            String query = "limit=" + PAGE + (cursor == null ? "" : "&cursor=" + enc(cursor));
            JsonNode page = getJson(URI.create(settings.apiUrl() + "/api/v1/tasks?" + query), token);
            for (JsonNode task : page.path("results")) {
                JsonNode due = task.path("due");
                LocalDate date = due.hasNonNull("date") ? LocalDate.parse(due.path("date").asText().substring(0, 10))
                        : null;
                tasks.add(new TaskDue(date, task.path("checked").asBoolean(false)));
            }
            cursor = page.hasNonNull("next_cursor") ? page.path("next_cursor").asText() : null;
        } while (cursor != null && !cursor.isEmpty());
        return tasks;
    }

    private JsonNode getJson(URI uri, ProviderToken token) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token.accessToken()).GET());
            int status = response.statusCode();
            if (status == 200) {
                return parse(response.body());
            }
            if (status == 401) {
                throw new UnauthorizedException();
            }
            if (status == 429 && attempt == 1) {
                Duration wait = Duration.ofSeconds(response.headers().firstValue("Retry-After")
                        .map(TodoistClient::seconds).orElse(1L));
                if (wait.compareTo(settings.maxRetryAfter()) <= 0) {
                    pause(wait);
                    continue;
                }
            }
            throw new TodoistException("Todoist answered HTTP " + status + " to " + uri.getPath());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(settings.callTimeout()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TodoistException("Todoist could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TodoistException("interrupted while calling Todoist");
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new TodoistException("Todoist answered with something other than JSON");
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TodoistException("interrupted while waiting out Todoist's rate limit");
        }
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Todoist over HTTP: the OAuth authorization-code exchange (with state and PKCE), the token refresh,
 * the open tasks of the unified API v1 page by page through {@code next_cursor}, and the tasks
 * completed in a window. It keeps only what a signal needs (a task's id and due date), never a
 * task's text; the one exception, {@link #taskTitles}, hands titles to tip generation and keeps
 * nothing. A 429 is waited out once when its Retry-After is short, else reported so the sync is
 * rescheduled; a 5xx is retried with backoff. Blocking calls: a sync runs on its own thread, never
 * on a saga or event-handler thread.
 */
public class TodoistClient {

    /** An open task as oO keeps it: an id and a due date; no content, no project, no labels. */
    public record TaskDue(String id, LocalDate dueDate) {
    }

    /** What one read of a paginated list found; {@code complete} is false when the page bound stopped it. */
    public record Listing<T>(List<T> items, boolean complete) {
    }

    /** Todoist refused the token: the integration needs a refresh or a new connection. */
    public static final class UnauthorizedException extends RuntimeException {
        public UnauthorizedException() {
            super("Todoist refused the access token (HTTP 401)");
        }
    }

    /** Todoist limits the rate for longer than a sync waits in place: try again after {@code retryAfter}. */
    public static final class RateLimitedException extends RuntimeException {
        private final Duration retryAfter;

        public RateLimitedException(Duration retryAfter) {
            super("Todoist limits the rate; retry after " + retryAfter.toSeconds() + " s");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Todoist failed; the message holds the status, never a token. */
    public static final class TodoistException extends RuntimeException {
        public TodoistException(String message) {
            super(message);
        }
    }

    static final int PAGE = 200;
    private static final int SERVER_ERROR_ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final TodoistProperties settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock;

    public TodoistClient(TodoistProperties settings, ObjectMapper json) {
        this(settings, json, Clock.systemUTC());
    }

    public TodoistClient(TodoistProperties settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.callTimeout()).build();
    }

    /** Where the person's browser goes to grant access; {@code state} and the PKCE challenge come back checked. */
    public URI authorizeUrl(String state, String codeChallenge, String redirectUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", settings.clientId());
        query.put("scope", settings.scope());
        query.put("state", state);
        query.put("redirect_uri", redirectUri);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        return URI.create(settings.authorizeUrl() + "?" + form(query));
    }

    /** Exchanges the authorization code (with the PKCE verifier) for the access token. */
    public ProviderToken exchange(String code, String codeVerifier, String redirectUri) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", settings.clientId());
        fields.put("client_secret", settings.clientSecret());
        fields.put("code", code);
        fields.put("code_verifier", codeVerifier);
        fields.put("redirect_uri", redirectUri);
        fields.put("grant_type", "authorization_code");
        return tokenRequest(fields, null, "the code exchange");
    }

    /**
     * Trades the refresh token for a new access token. Todoist's tokens may be long-lived and come
     * without one: then there is nothing to refresh and the caller asks for a new connection.
     *
     * @throws UnauthorizedException when Todoist refuses the refresh token
     */
    public ProviderToken refresh(ProviderToken token) {
        if (token.refreshToken() == null) {
            throw new UnauthorizedException();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client_id", settings.clientId());
        fields.put("client_secret", settings.clientSecret());
        fields.put("refresh_token", token.refreshToken());
        fields.put("grant_type", "refresh_token");
        return tokenRequest(fields, token.refreshToken(), "the token refresh");
    }

    private ProviderToken tokenRequest(Map<String, String> fields, String previousRefresh, String what) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(settings.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
        int status = response.statusCode();
        if (status == 400 || status == 401) {
            throw new UnauthorizedException();
        }
        if (status != 200) {
            throw new TodoistException("Todoist answered HTTP " + status + " to " + what);
        }
        JsonNode body = parse(response.body());
        String access = body.path("access_token").asText(null);
        if (access == null || access.isBlank()) {
            throw new TodoistException("Todoist's token answer to " + what + " holds no access_token");
        }
        String refresh = body.hasNonNull("refresh_token") ? body.path("refresh_token").asText() : previousRefresh;
        Instant expiresAt = body.hasNonNull("expires_in")
                ? clock.instant().plusSeconds(body.path("expires_in").asLong()) : null;
        return new ProviderToken(access, refresh, expiresAt);
    }

    /** Every open task, following {@code next_cursor} until Todoist says there is no more. */
    public List<TaskDue> activeTasks(ProviderToken token) {
        return activeTasks(token, Integer.MAX_VALUE).items();
    }

    /** The open tasks over at most {@code maxPages} pages of {@code GET /api/v1/tasks}. */
    public Listing<TaskDue> activeTasks(ProviderToken token, int maxPages) {
        return pages(token, "/api/v1/tasks", Map.of(), "results", maxPages,
                task -> new TaskDue(task.path("id").asText(), dueDate(task)));
    }

    /**
     * The tasks completed in {@code [since, until)} (id and completion time) over at most {@code maxPages}
     * pages of {@code GET /api/v1/tasks/completed/by_completion_date} (its list is {@code items}).
     */
    public Listing<TaskSignals.Completion> completedTasks(ProviderToken token, Instant since, Instant until,
                                                         int maxPages) {
        Map<String, String> window = new LinkedHashMap<>();
        window.put("since", iso(since));
        window.put("until", iso(until));
        return pages(token, "/api/v1/tasks/completed/by_completion_date", window, "items", maxPages,
                task -> new TaskSignals.Completion(task.path("id").asText(), instant(task.path("completed_at"))));
    }

    private static Instant instant(JsonNode at) {
        if (!at.isTextual()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(at.asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(at.asText()).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * The person's most pressing open task titles (earliest due first, then highest priority), from
     * the first page only, for one tip generation. Nothing here stores or logs them.
     */
    public List<String> taskTitles(ProviderToken token, int max) {
        record Titled(String title, LocalDate due, int priority) {
        }
        Listing<Titled> page = pages(token, "/api/v1/tasks", Map.of(), "results", 1,
                task -> new Titled(task.path("content").asText(""), dueDate(task), task.path("priority").asInt(1)));
        return page.items().stream()
                .filter(t -> !t.title().isBlank())
                .sorted(Comparator.comparing(Titled::due, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Titled::priority, Comparator.reverseOrder()))
                .limit(max)
                .map(Titled::title)
                .toList();
    }

    private <T> Listing<T> pages(ProviderToken token, String path, Map<String, String> params, String listField,
                                 int maxPages, java.util.function.Function<JsonNode, T> map) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            Map<String, String> query = new LinkedHashMap<>(params);
            query.put("limit", String.valueOf(PAGE));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode body = getJson(URI.create(settings.apiUrl() + path + "?" + form(query)), token);
            for (JsonNode item : body.path(listField)) {
                items.add(map.apply(item));
            }
            cursor = body.hasNonNull("next_cursor") ? body.path("next_cursor").asText() : null;
            if (cursor == null || cursor.isEmpty()) {
                return new Listing<>(items, true);
            }
        }
        return new Listing<>(items, false);
    }

    private JsonNode getJson(URI uri, ProviderToken token) {
        boolean waitedOnce = false;
        Duration backoff = FIRST_BACKOFF;
        for (int failures = 0; ; ) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token.accessToken())
                    .header("Accept", "application/json").GET());
            int status = response.statusCode();
            if (status == 200) {
                return parse(response.body());
            }
            if (status == 401 || status == 403) {
                throw new UnauthorizedException();
            }
            if (status == 429) {
                Duration wait = Duration.ofSeconds(response.headers().firstValue("Retry-After")
                        .map(TodoistClient::seconds).orElse(1L));
                if (waitedOnce || wait.compareTo(settings.maxRetryAfter()) > 0) {
                    throw new RateLimitedException(wait);
                }
                waitedOnce = true;
                pause(wait);
                continue;
            }
            if (status >= 500 && ++failures < SERVER_ERROR_ATTEMPTS) {
                pause(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            throw new TodoistException("Todoist answered HTTP " + status + " to " + uri.getPath());
        }
    }

    private static LocalDate dueDate(JsonNode task) {
        JsonNode due = task.path("due");
        if (!due.hasNonNull("date")) {
            return null;
        }
        String date = due.path("date").asText();
        try {
            return LocalDate.parse(date.length() >= 10 ? date.substring(0, 10) : date);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
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

    private static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
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
            throw new TodoistException("interrupted while waiting on Todoist");
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

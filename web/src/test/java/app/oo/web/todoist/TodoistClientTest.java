package app.oo.web.todoist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.command.integration.ProviderToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a tiny fake Todoist answering the documented shapes: pages, 401, 429. */
class TodoistClientTest {

    private HttpServer todoist;
    private String base;
    private final List<String> queries = new ArrayList<>();
    private final List<String> tokenRequests = new ArrayList<>();
    private final AtomicInteger limited = new AtomicInteger();
    private final AtomicInteger failing = new AtomicInteger();
    private String retryAfter = "1";

    @BeforeEach
    void start() throws IOException {
        todoist = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        todoist.createContext("/api/v1/tasks", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String query = exchange.getRequestURI().getRawQuery();
            queries.add(query);
            if (!"Bearer good".equals(auth)) {
                answer(exchange, 401, "{\"error\":\"Unauthorized\"}");
            } else if (limited.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
                answer(exchange, 429, "{\"error\":\"Too many requests\"}");
            } else if (!query.contains("cursor=")) {
                answer(exchange, 200, """
                        {"results":[{"id":"1","content":"secret task","checked":false,"due":{"date":"2026-11-20"}},
                                    {"id":"2","content":"no due","checked":false,"due":null}],
                         "next_cursor":"c2"}""");
            } else {
                answer(exchange, 200, """
                        {"results":[{"id":"3","content":"later","checked":false,
                                     "due":{"date":"2026-11-25T18:00:00","is_recurring":false}}],
                         "next_cursor":null}""");
            }
        });
        todoist.createContext("/oauth/access_token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            tokenRequests.add(form);
            if (form.contains("grant_type=refresh_token") && !form.contains("refresh_token=r1")) {
                answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            } else if (form.contains("grant_type=refresh_token")) {
                answer(exchange, 200, "{\"access_token\":\"good2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            } else {
                answer(exchange, 200, "{\"access_token\":\"good\",\"token_type\":\"Bearer\"}");
            }
        });
        todoist.createContext("/api/v1/tasks/completed/by_completion_date", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            if (failing.getAndDecrement() > 0) {
                answer(exchange, 503, "{\"error\":\"Service Unavailable\"}");
            } else {
                answer(exchange, 200, """
                        {"items":[{"id":"9","content":"done secret","checked":true,
                                   "completed_at":"2026-11-24T10:15:00.000000Z"}],"next_cursor":null}""");
            }
        });
        todoist.start();
        base = "http://127.0.0.1:" + todoist.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        todoist.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private TodoistClient client() {
        return new TodoistClient(new TodoistProperties("client-1", "secret-1", URI.create(base + "/oauth/authorize"),
                URI.create(base + "/oauth/access_token"), URI.create(base), URI.create(base + "/api/v1/revoke"),
                "data:read", Duration.ofSeconds(5), Duration.ofSeconds(5)), new ObjectMapper());
    }

    @Test
    void authorizeUrlCarriesStateAndThePkceChallenge() {
        URI uri = client().authorizeUrl("st8", "chal", "http://localhost/cb");
        assertThat(uri.toString()).startsWith(base + "/oauth/authorize?").contains("client_id=client-1",
                "state=st8", "code_challenge=chal", "code_challenge_method=S256", "scope=data%3Aread");
    }

    @Test
    void exchangesTheCodeWithTheVerifier() {
        ProviderToken token = client().exchange("the-code", "the-verifier", "http://localhost/cb");
        assertThat(token.accessToken()).isEqualTo("good");
        assertThat(tokenRequests).singleElement().asString().contains("code=the-code", "code_verifier=the-verifier",
                "client_secret=secret-1");
    }

    @Test
    void readsEveryPageFollowingTheCursorAndKeepsNoTaskText() {
        List<TodoistClient.TaskDue> tasks = client().activeTasks(new ProviderToken("good", null, null));

        assertThat(tasks).containsExactly(new TodoistClient.TaskDue("1", LocalDate.parse("2026-11-20")),
                new TodoistClient.TaskDue("2", null), new TodoistClient.TaskDue("3", LocalDate.parse("2026-11-25")));
        assertThat(queries).containsExactly("limit=200", "limit=200&cursor=c2");
        assertThat(tasks.toString()).doesNotContain("secret task");
    }

    @Test
    void waitsOutOneRateLimitThenGoesOn() {
        limited.set(1);
        assertThat(client().activeTasks(new ProviderToken("good", null, null))).hasSize(3);
        assertThat(queries).hasSize(3);
    }

    @Test
    void aRefusedTokenSaysSo() {
        assertThatThrownBy(() -> client().activeTasks(new ProviderToken("stale", null, null)))
                .isInstanceOf(TodoistClient.UnauthorizedException.class);
    }

    @Test
    void aLongRetryAfterIsReportedForRescheduling() {
        limited.set(1);
        retryAfter = "120";
        assertThatThrownBy(() -> client().activeTasks(new ProviderToken("good", null, null)))
                .isInstanceOfSatisfying(TodoistClient.RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        assertThat(queries).hasSize(1);
    }

    @Test
    void aSecondRateLimitInOneCallIsReportedRatherThanWaitedOut() {
        limited.set(2);
        assertThatThrownBy(() -> client().activeTasks(new ProviderToken("good", null, null)))
                .isInstanceOf(TodoistClient.RateLimitedException.class);
        assertThat(queries).hasSize(2);
    }

    @Test
    void readsCompletedTasksInTheWindowAndRetriesServerErrors() {
        failing.set(2);
        TodoistClient.Listing<TaskSignals.Completion> done = client().completedTasks(
                new ProviderToken("good", null, null), java.time.Instant.parse("2026-11-18T10:00:00Z"),
                java.time.Instant.parse("2026-11-25T10:00:00Z"), 5);

        assertThat(done.items()).containsExactly(new TaskSignals.Completion("9",
                java.time.Instant.parse("2026-11-24T10:15:00Z")));
        assertThat(done.complete()).isTrue();
        assertThat(queries).hasSize(3).allSatisfy(q -> assertThat(q)
                .contains("since=2026-11-18T10%3A00%3A00Z", "until=2026-11-25T10%3A00%3A00Z"));
    }

    @Test
    void serverErrorsThatLastFailTheCall() {
        failing.set(10);
        assertThatThrownBy(() -> client().completedTasks(new ProviderToken("good", null, null),
                java.time.Instant.now().minusSeconds(60), java.time.Instant.now(), 5))
                .isInstanceOf(TodoistClient.TodoistException.class).hasMessageContaining("503");
    }

    @Test
    void stopsAtThePageBoundAndSaysTheListingIsIncomplete() {
        TodoistClient.Listing<TodoistClient.TaskDue> first = client().activeTasks(new ProviderToken("good", null, null), 1);
        assertThat(first.items()).hasSize(2);
        assertThat(first.complete()).isFalse();
    }

    @Test
    void refreshesWithTheRefreshTokenAndKeepsItWhenNoNewOneComes() {
        ProviderToken fresh = client().refresh(new ProviderToken("old", "r1", java.time.Instant.now()));
        assertThat(fresh.accessToken()).isEqualTo("good2");
        assertThat(fresh.refreshToken()).isEqualTo("r1");
        assertThat(fresh.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(3000));
        assertThat(tokenRequests).singleElement().asString().contains("grant_type=refresh_token", "refresh_token=r1");
    }

    @Test
    void aRefusedOrMissingRefreshTokenMeansReconnect() {
        assertThatThrownBy(() -> client().refresh(new ProviderToken("old", "stale", null)))
                .isInstanceOf(TodoistClient.UnauthorizedException.class);
        assertThatThrownBy(() -> client().refresh(new ProviderToken("old", null, null)))
                .isInstanceOf(TodoistClient.UnauthorizedException.class);
        assertThat(tokenRequests).hasSize(1);
    }

    @Test
    void taskTitlesAreTheEarliestDueFirstAndBounded() {
        assertThat(client().taskTitles(new ProviderToken("good", null, null), 1)).containsExactly("secret task");
    }
}

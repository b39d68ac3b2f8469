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
                exchange.getResponseHeaders().add("Retry-After", "1");
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
            tokenRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 200, "{\"access_token\":\"good\",\"token_type\":\"Bearer\"}");
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

        assertThat(tasks).containsExactly(new TodoistClient.TaskDue(LocalDate.parse("2026-11-20"), false),
                new TodoistClient.TaskDue(null, false), new TodoistClient.TaskDue(LocalDate.parse("2026-11-25"), false));
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
}

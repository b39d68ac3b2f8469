package app.oo.web.todoist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.command.integration.ProviderToken;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The revocation against a tiny fake Todoist answering as RFC 7009 says. */
class TodoistRevokerTest {

    private HttpServer todoist;
    private final List<String> bodies = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        todoist = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        todoist.createContext("/api/v1/revoke", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "7");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        todoist.start();
    }

    @AfterEach
    void stop() {
        todoist.stop(0);
    }

    private TodoistRevoker revoker() {
        String base = "http://127.0.0.1:" + todoist.getAddress().getPort();
        return new TodoistRevoker(new TodoistProperties("client-1", "secret-1", URI.create(base + "/oauth/authorize"),
                URI.create(base + "/oauth/access_token"), URI.create(base), URI.create(base + "/api/v1/revoke"),
                "data:read", Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Test
    void revokesTheAccessTokenWithTheClientCredentials() throws Exception {
        revoker().revoke(new ProviderToken("tok en/1", "refresh", null)).get(5, TimeUnit.SECONDS);

        assertThat(bodies).containsExactly("token=tok+en%2F1&token_type_hint=access_token");
        assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder()
                .encodeToString("client-1:secret-1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRefusalOrARateLimitFailsWithTheStatusButNeverTheToken() {
        status = 429;
        assertThatThrownBy(() -> revoker().revoke(new ProviderToken("tok-429", null, null)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("HTTP 429").hasMessageContaining("retry after 7")
                .hasMessageNotContaining("tok-429");
        status = 401;
        assertThatThrownBy(() -> revoker().revoke(new ProviderToken("tok-401", null, null)).get(5, TimeUnit.SECONDS))
                .hasMessageContaining("HTTP 401");
    }
}

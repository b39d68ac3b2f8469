package app.oo.web.todoist;

import app.oo.command.integration.ProviderToken;
import app.oo.web.erasure.ProviderRevoker;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Revokes a Todoist access token (RFC 7009: form POST of the token, the app's client credentials
 * in HTTP Basic). A 2xx answer, also for a token Todoist no longer knows, is a confirmed
 * revocation; anything else fails the future so the erasure saga retries. Nothing logs the token.
 */
@Component
@ConditionalOnExpression("!'${oo.todoist.client-id:}'.isBlank()")
public class TodoistRevoker implements ProviderRevoker {

    private final TodoistProperties settings;
    private final HttpClient http;

    public TodoistRevoker(TodoistProperties settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.callTimeout()).build();
    }

    @Override
    public String provider() {
        return "todoist";
    }

    @Override
    public CompletableFuture<Void> revoke(ProviderToken token) {
        String credentials = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(settings.revokeUrl())
                .timeout(settings.callTimeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token="
                        + URLEncoder.encode(token.accessToken(), StandardCharsets.UTF_8)
                        + "&token_type_hint=access_token"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            int status = response.statusCode();
            if (status / 100 != 2) {
                throw new TodoistRevocationException(status, response.headers().firstValue("Retry-After").orElse(null));
            }
            return null;
        });
    }

    /** Todoist did not confirm the revocation; the message holds the status, never the token. */
    public static final class TodoistRevocationException extends RuntimeException {
        public TodoistRevocationException(int status, String retryAfter) {
            super("Todoist answered HTTP " + status + " to the revocation"
                    + (retryAfter == null ? "" : " (retry after " + retryAfter + " s)"));
        }
    }
}

package app.oo.web.todoist;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Todoist OAuth app and the connector's pace. Without a client id the connector stays off: the
 * connect answers that Todoist is not configured (and erasure evidence says a Todoist grant was
 * revoked here only). URLs are settings so tests point them at a fake Todoist.
 *
 * @param apiUrl         base of Todoist's unified API ({@code /api/v1/tasks})
 * @param revokeUrl      Todoist's RFC 7009 token revocation endpoint
 * @param redirectUri    the callback Todoist sends the browser back to; derived from the request when unset
 * @param maxRetryAfter  the longest Retry-After a sync waits out in place; a longer one reschedules the sync
 * @param syncInterval   how often each connected account is synced
 * @param maxPages       the most pages of tasks (and of completed tasks) one sync reads
 * @param stateTtl       how long a started connect may take before its state expires
 * @param titlesTimeout  how long tip generation waits for the current task titles before going without
 * @param maxTitles      how many task titles tip generation gets at most
 */
@ConfigurationProperties("oo.todoist")
public record TodoistProperties(String clientId, String clientSecret,
                                @DefaultValue("https://todoist.com/oauth/authorize") URI authorizeUrl,
                                @DefaultValue("https://todoist.com/oauth/access_token") URI tokenUrl,
                                @DefaultValue("https://api.todoist.com") URI apiUrl,
                                @DefaultValue("https://api.todoist.com/api/v1/revoke") URI revokeUrl,
                                @DefaultValue("data:read") String scope,
                                @DefaultValue("10s") Duration callTimeout,
                                @DefaultValue("30s") Duration maxRetryAfter,
                                String redirectUri,
                                @DefaultValue("15m") Duration syncInterval,
                                @DefaultValue("20") int maxPages,
                                @DefaultValue("10m") Duration stateTtl,
                                @DefaultValue("800ms") Duration titlesTimeout,
                                @DefaultValue("5") int maxTitles) {

    @ConstructorBinding
    public TodoistProperties {
    }

    /** For tests and tools that only need the endpoints. */
    public TodoistProperties(String clientId, String clientSecret, URI authorizeUrl, URI tokenUrl, URI apiUrl,
                             URI revokeUrl, String scope, Duration callTimeout, Duration maxRetryAfter) {
        this(clientId, clientSecret, authorizeUrl, tokenUrl, apiUrl, revokeUrl, scope, callTimeout, maxRetryAfter,
                null, Duration.ofMinutes(15), 20, Duration.ofMinutes(10), Duration.ofMillis(800), 5);
    }

    /** Whether the OAuth app is configured: without it nobody can connect. */
    public boolean enabled() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "TodoistProperties[clientId=" + clientId + ", clientSecret=(secret), apiUrl=" + apiUrl
                + ", syncInterval=" + syncInterval + "]";
    }
}

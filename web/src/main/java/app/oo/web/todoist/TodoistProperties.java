package app.oo.web.todoist;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Todoist OAuth app. Without a client id the connector stays off (and erasure evidence says a
 * Todoist grant was revoked here only). URLs are settings so tests point them at a fake Todoist.
 *
 * @param apiUrl        base of Todoist's unified API ({@code /api/v1/tasks})
 * @param revokeUrl     Todoist's RFC 7009 token revocation endpoint
 * @param maxRetryAfter the longest Retry-After a sync waits out once before giving up
 */
@ConfigurationProperties("oo.todoist")
public record TodoistProperties(String clientId, String clientSecret,
                                @DefaultValue("https://todoist.com/oauth/authorize") URI authorizeUrl,
                                @DefaultValue("https://todoist.com/oauth/access_token") URI tokenUrl,
                                @DefaultValue("https://api.todoist.com") URI apiUrl,
                                @DefaultValue("https://api.todoist.com/api/v1/revoke") URI revokeUrl,
                                @DefaultValue("data:read") String scope,
                                @DefaultValue("10s") Duration callTimeout,
                                @DefaultValue("30s") Duration maxRetryAfter) {
}

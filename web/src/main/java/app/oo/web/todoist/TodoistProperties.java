package app.oo.web.todoist;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Todoist OAuth app. Without a client id the connector stays off (and erasure evidence says a
 * Todoist grant was revoked here only). URLs are settings so tests point them at a fake Todoist.
 *
 * @param revokeUrl Todoist's RFC 7009 token revocation endpoint
 */
@ConfigurationProperties("oo.todoist")
public record TodoistProperties(String clientId, String clientSecret,
                                @DefaultValue("https://api.todoist.com/api/v1/revoke") URI revokeUrl,
                                @DefaultValue("10s") Duration callTimeout) {
}

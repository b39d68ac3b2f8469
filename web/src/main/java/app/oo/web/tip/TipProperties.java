package app.oo.web.tip;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@code POST /recommend} behaves.
 *
 * @param freshFor how long an unanswered tip stays the current one before a new one is issued
 * @param waitFor  how long a request waits for a new tip (the saga's deadline guarantees one well before)
 */
@ConfigurationProperties("oo.recommend")
public record TipProperties(@DefaultValue("4h") Duration freshFor, @DefaultValue("5s") Duration waitFor) {
}

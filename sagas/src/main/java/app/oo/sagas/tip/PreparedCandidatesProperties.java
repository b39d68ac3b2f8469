package app.oo.sagas.tip;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Candidates prepared ahead of tip requests (docs/adr/0019).
 *
 * @param enabled     prepare after each issued tip and each reaction; off: every request generates
 * @param maxAge      how old a preparation may be and still be used
 * @param maxInFlight preparations running at once; past it a preparation is skipped (the next
 *                    request of that person generates on request)
 * @param maxPersons  bound on the persons holding a preparation on this node
 */
@ConfigurationProperties("oo.tips.prepared")
public record PreparedCandidatesProperties(@DefaultValue("true") boolean enabled,
                                           @DefaultValue("10m") Duration maxAge,
                                           @DefaultValue("16") int maxInFlight,
                                           @DefaultValue("10000") int maxPersons) {
}

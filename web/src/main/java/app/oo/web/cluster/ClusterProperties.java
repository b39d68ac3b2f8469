package app.oo.web.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How nodes on one database share the tracking processors' segments.
 *
 * @param balanceSegments whether a node holding more than its share of a processor's segments gives one up
 * @param checkEvery      how often a node compares its segments with its share
 * @param releaseFor      how long a released segment stays free for another node before this one may take it back
 */
@ConfigurationProperties("oo.cluster")
public record ClusterProperties(@DefaultValue("true") boolean balanceSegments,
                                @DefaultValue("5s") Duration checkEvery,
                                @DefaultValue("20s") Duration releaseFor) {
}

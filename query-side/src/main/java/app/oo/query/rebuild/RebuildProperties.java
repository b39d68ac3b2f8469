package app.oo.query.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a rebuild replays (docs/adr/0007). The defaults come from the measurements in
 * /work/shared/STACK.md: one commit per event caps a replay near 1k events/s; batches of a
 * thousand, each written as a few JDBC batches, reach tens of thousands.
 *
 * @param batchSize    events per processor batch, hence per transaction
 * @param fetchSize    events read from the store per query
 * @param segments     parallel segments (threads) of the rebuild's processor
 * @param pollInterval how often progress is sampled
 */
@ConfigurationProperties("oo.projections.rebuild")
public record RebuildProperties(@DefaultValue("1000") int batchSize, @DefaultValue("1000") int fetchSize,
                                @DefaultValue("2") int segments, @DefaultValue("200ms") Duration pollInterval) {

    public RebuildProperties {
        if (batchSize < 1 || fetchSize < 1 || segments < 1) {
            throw new IllegalArgumentException("oo.projections.rebuild: batch-size, fetch-size and segments must be"
                    + " at least 1, were " + batchSize + ", " + fetchSize + ", " + segments);
        }
    }
}

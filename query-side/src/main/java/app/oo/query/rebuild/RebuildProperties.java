package app.oo.query.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a rebuild replays (docs/adr/0007). The defaults come from the measurements in
 * /work/shared/STACK.md: one commit per event caps a replay near 1k events/s; batches of a
 * thousand, each written as a few JDBC batches, reach tens of thousands.
 *
 * @param batchSize     events per transaction: per chunk of the bulk read, per batch of the processor after it
 * @param fetchSize     events the processor after the bulk read fetches per query
 * @param segments      parallel segments (threads) of that processor
 * @param pollInterval  how often progress is sampled
 * @param workers       threads that deserialize and write the bulk read (docs/adr/0017)
 * @param bulkFetchSize rows the bulk read fetches per round trip
 */
@ConfigurationProperties("oo.projections.rebuild")
public record RebuildProperties(@DefaultValue("1000") int batchSize, @DefaultValue("1000") int fetchSize,
                                @DefaultValue("2") int segments, @DefaultValue("200ms") Duration pollInterval,
                                @DefaultValue("2") int workers, @DefaultValue("5000") int bulkFetchSize) {

    public RebuildProperties {
        if (batchSize < 1 || fetchSize < 1 || segments < 1 || workers < 1 || bulkFetchSize < 1) {
            throw new IllegalArgumentException("oo.projections.rebuild: batch-size, fetch-size, segments, workers and"
                    + " bulk-fetch-size must be at least 1, were " + batchSize + ", " + fetchSize + ", " + segments
                    + ", " + workers + ", " + bulkFetchSize);
        }
    }
}

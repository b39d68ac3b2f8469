package app.oo.command.person;

import app.oo.command.caching.CaffeineAggregateCache;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A person's stream grows with every signal: snapshots keep loading it cheap, the cache keeps it loaded. */
@Configuration(proxyBeanMethods = false)
public class PersonConfiguration {

    /**
     * Every 2,000 events: a snapshot reads the previous one and the events since, and carries the
     * person's recent client ids (up to 10,000, about half a megabyte), so every 500 events it cost
     * a tenth of the request threads' CPU under batch ingest (docs/benchmarks.md). The cache keeps
     * active persons loaded; a person loaded from the store replays at most 2,000 events.
     */
    @Bean
    public SnapshotTriggerDefinition personSnapshotTrigger(Snapshotter snapshotter,
            @Value("${oo.person.snapshot-every:2000}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Snapshots are taken after the command's commit on a thread of their own, not in the request
     * that happened to cross the threshold. When that thread is behind, the committing thread takes
     * the snapshot itself (a snapshot is never dropped half-way: Axon tracks those in progress).
     */
    @Bean
    public SpringAggregateSnapshotterFactoryBean aggregateSnapshotter() {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        AtomicInteger n = new AtomicInteger();
        snapshotter.setExecutor(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "snapshots-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy()));
        return snapshotter;
    }

    /**
     * Bounded by count: a person's state holds up to 10,000 recent client ids (about 1 MB at the
     * worst), so the default keeps the 1,000 most active persons in memory.
     */
    @Bean
    public Cache personCache(@Value("${oo.person.cache-size:1000}") long size) {
        return new CaffeineAggregateCache(size);
    }
}

package app.oo.command.person;

import app.oo.command.caching.CaffeineAggregateCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A person's stream grows with every signal: snapshots keep loading it cheap, the cache keeps it loaded. */
@Configuration(proxyBeanMethods = false)
public class PersonConfiguration {

    @Bean
    public SnapshotTriggerDefinition personSnapshotTrigger(Snapshotter snapshotter,
            @Value("${oo.person.snapshot-every:500}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
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

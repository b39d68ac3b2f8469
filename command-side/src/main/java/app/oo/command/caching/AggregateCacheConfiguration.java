package app.oo.command.caching;

import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cache the aggregates name in {@code @Aggregate(cache = "aggregateCache")}. With several
 * nodes a cached aggregate may be stale: the event store's unique (aggregate, sequence) key then
 * refuses the append, Axon evicts the entry on rollback, and the retried command loads afresh.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

    @Bean
    public Cache aggregateCache(@Value("${oo.aggregate-cache.max-entries:1024}") int maxEntries) {
        return new BoundedAggregateCache(maxEntries);
    }
}

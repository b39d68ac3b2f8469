package app.oo.command.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {

    @Test
    void keepsEntriesStronglyUpToItsBound() {
        BoundedAggregateCache cache = new BoundedAggregateCache(1000);
        for (int i = 0; i < 1000; i++) {
            cache.put("person-" + i, new byte[1024]);
        }
        System.gc();
        assertThat(cache.size()).isEqualTo(1000);
        assertThat((Object) cache.get("person-0")).isNotNull();
    }

    @Test
    void evictsTheLeastRecentlyUsedEntryBeyondItsBound() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
    }

    @Test
    void removesWhatAxonEvictsOnRollback() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("a", 1);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat((Object) cache.get("a")).isNull();
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat((Integer) cache.get("a")).isEqualTo(1);
    }

    @Test
    void tellsListenersAboutEvictions() {
        BoundedAggregateCache cache = new BoundedAggregateCache(1);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(expired).containsExactly("a");
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> new BoundedAggregateCache(0)).hasMessageContaining("was 0");
    }
}

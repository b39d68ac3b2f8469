package app.oo.command.caching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaffeineAggregateCacheTest {

    @Test
    void keepsWhatWasPutUntilRemoved() {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(10);
        cache.put("a", "A");

        assertThat((String) cache.get("a")).isEqualTo("A");
        assertThat(cache.putIfAbsent("a", "B")).isFalse();
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void survivesAGarbageCollectionUnlikeAWeakReferenceCache() {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(10);
        cache.put("a", new Object());

        System.gc();

        assertThat(cache.containsKey("a")).isTrue();
    }

    @Test
    void staysWithinItsBound() {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(100);
        for (int i = 0; i < 10_000; i++) {
            cache.put("k" + i, i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void computesOnlyWhatIsAbsentOrPresent() {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(10);

        assertThat((Integer) cache.computeIfAbsent("n", () -> 1)).isEqualTo(1);
        assertThat((Integer) cache.computeIfAbsent("n", () -> 2)).isEqualTo(1);
        cache.<Integer>computeIfPresent("n", v -> v + 41);

        assertThat((Integer) cache.get("n")).isEqualTo(42);
    }
}

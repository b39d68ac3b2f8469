package app.oo.query.tipfeed;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.TipFeedResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;

/**
 * Each person's current tip as the tip feed last wrote it, so {@code POST /recommend} answers from
 * memory. It is kept by {@link TipFeedProjection}'s handlers, which see every change of the person
 * only while this node's tip-feed processor holds the person's segment: an entry is served only
 * then, and only while that segment is caught up. When the set of held segments changes (another
 * node took or gave one back), everything is forgotten: what was written meanwhile was written
 * elsewhere. Anything not served from here is read from {@code tip_feed}.
 */
public class CurrentTipCache {

    private final Supplier<Map<Integer, EventTrackerStatus>> segments;
    private final int maxPersons;
    private final Map<PersonId, TipFeedResponse> current = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private volatile Set<Segment> held = Set.of();

    /**
     * @param segments   the tip-feed processor's segments on this node with their status
     * @param maxPersons bound on the entries; past it the cache starts again empty
     */
    public CurrentTipCache(Supplier<Map<Integer, EventTrackerStatus>> segments, int maxPersons) {
        this.segments = segments;
        this.maxPersons = maxPersons;
    }

    /** A cache that never serves: for projection instances that are not the live one (rebuilds). */
    public static CurrentTipCache disabled() {
        return new CurrentTipCache(Map::of, 0);
    }

    /** The cached answer, when this node's projection is the one keeping the person's tips. */
    public Optional<TipFeedResponse> find(PersonId person) {
        if (maxPersons == 0) {
            return Optional.empty();
        }
        Map<Integer, EventTrackerStatus> status = segments.get();
        Set<Segment> nowHeld = status.values().stream()
                .filter(s -> s.isCaughtUp() && !s.isErrorState())
                .map(EventTrackerStatus::getSegment)
                .collect(Collectors.toUnmodifiableSet());
        if (!nowHeld.equals(held)) {
            clear();
            held = nowHeld;
            return Optional.empty();
        }
        String sequence = person.toString();
        if (nowHeld.stream().noneMatch(s -> s.matches(sequence))) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.get(person));
    }

    /**
     * What the projection wrote for the person. Handlers call it inside their transaction and
     * again once it committed (a rolled-back batch is handled again and writes the same), and only
     * ever overwrite: a read of the table that raced with them cannot leave an older answer behind.
     */
    public void written(PersonId person, TipFeedResponse response) {
        if (maxPersons == 0) {
            return;
        }
        bound(person);
        current.put(person, response);
    }

    /** Taken before reading the table: {@link #read} keeps its answer only if nothing was forgotten since. */
    public long epoch() {
        return epoch.get();
    }

    /** What a query read from the table, kept only if no handler wrote the person meanwhile. */
    public void read(PersonId person, TipFeedResponse response, long epochBeforeRead) {
        if (maxPersons == 0) {
            return;
        }
        bound(person);
        if (epoch.get() == epochBeforeRead) {
            current.putIfAbsent(person, response);
        }
    }

    /** Forget everything (a reset before a replay, a segment gained or lost). */
    public void clear() {
        epoch.incrementAndGet();
        current.clear();
    }

    private void bound(PersonId person) {
        if (current.size() >= maxPersons && !current.containsKey(person)) {
            clear();
        }
    }
}

package app.oo.query.tipfeed;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.TipFeedResponse;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipView;
import java.time.Instant;
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
 *
 * <p>A tip issued on this node is served at once, before the tip feed has projected it
 * ({@link #issued}): the person who asked for it reads it on the next request. The projection
 * supersedes that entry when it writes the tip ({@link #projected}); a reaction or expiry on this
 * node drops it ({@link #settled}).
 */
public class CurrentTipCache {

    private final Supplier<Map<Integer, EventTrackerStatus>> segments;
    private final int maxPersons;
    private final Map<PersonId, TipFeedResponse> current = new ConcurrentHashMap<>();
    private final Map<PersonId, TipView> issued = new ConcurrentHashMap<>();
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
        if (!holds(nowHeld, person)) {
            return Optional.empty();
        }
        TipView justIssued = issued.get(person);
        if (justIssued != null) {
            return Optional.of(new TipFeedResponse(justIssued));
        }
        return Optional.ofNullable(current.get(person));
    }

    private static boolean holds(Set<Segment> segments, PersonId person) {
        String sequence = person.toString();
        return segments.stream().anyMatch(s -> s.matches(sequence));
    }

    /**
     * A tip this node just issued, before its transaction commits (so before the projection can
     * see it); kept only while this node's projection keeps the person, which will supersede it.
     */
    public void issued(PersonId person, TipView tip) {
        if (maxPersons == 0 || !holds(held, person)) {
            return;
        }
        if (issued.size() >= maxPersons && !issued.containsKey(person)) {
            issued.clear();
        }
        issued.put(person, tip);
    }

    /** The tip was reacted to, expired, or its issue rolled back: the entry no longer says the truth. */
    public void settled(PersonId person, TipId tip) {
        issued.computeIfPresent(person, (p, view) -> view.id().equals(tip) ? null : view);
    }

    /** The projection wrote a tip issued at {@code issuedAt}: entries as old or older are superseded. */
    public void projected(PersonId person, Instant issuedAt) {
        issued.computeIfPresent(person, (p, view) -> view.issuedAt().isAfter(issuedAt) ? view : null);
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
        issued.clear();
    }

    /** The person was erased: nothing of theirs stays. */
    public void erased(PersonId person) {
        issued.remove(person);
        written(person, TipFeedResponse.none());
    }

    private void bound(PersonId person) {
        if (current.size() >= maxPersons && !current.containsKey(person)) {
            clear();
        }
    }
}

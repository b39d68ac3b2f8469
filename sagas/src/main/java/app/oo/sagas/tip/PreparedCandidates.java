package app.oo.sagas.tip;

import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.sagas.ml.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Candidates generated ahead of a tip request, per person, with the feature snapshot they were
 * generated from (docs/adr/0019). In memory on the node that prepared them: a node that has none
 * (a restart, another node) generates on request. A preparation serves every request of the person
 * while it {@linkplain Preparation#fits fits}; a reaction replaces it.
 */
public class PreparedCandidates {

    /**
     * The features candidate generation reads (ml/serving's templates {@code Situation} and its
     * prompt). Candidates generated when they had other values may not fit the person now; the
     * ranker's features (reaction rates, activity profile, time since) are read fresh at each
     * request anyway.
     */
    public static final Set<String> SITUATION = Set.of("tasksOverdue", "tasksDueToday", "busyHoursToday",
            "moodMean7d", "moodTrend7d", "habitStreakMax", "localHour", "weekday");

    /** Candidates and the features they were generated from. */
    public record Preparation(PersonId personId, List<Candidate> candidates, PersonFeatures snapshot,
                              Instant preparedAt) {

        public Preparation {
            candidates = List.copyOf(candidates);
        }

        /** Young enough, and generated for the situation the person is in now. */
        public boolean fits(PersonFeatures now, Instant at, Duration maxAge) {
            if (preparedAt.plus(maxAge).isBefore(at)) {
                return false;
            }
            for (String name : SITUATION) {
                if (!Objects.equals(snapshot.values().get(name), now.values().get(name))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<PersonId, Preparation> prepared = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong generatedOnRequest = new AtomicLong();
    private final int maxPersons;

    public PreparedCandidates(int maxPersons) {
        this.maxPersons = maxPersons;
    }

    public void put(Preparation preparation) {
        if (prepared.size() >= maxPersons && !prepared.containsKey(preparation.personId())) {
            // Crude but bounded: persons who ask often are prepared again after their next tip.
            prepared.clear();
        }
        prepared.merge(preparation.personId(), preparation,
                (old, fresh) -> fresh.preparedAt().isBefore(old.preparedAt()) ? old : fresh);
    }

    /** Counts a request's candidates: prepared ({@code true}) or generated on request. */
    public void counted(boolean prepared) {
        (prepared ? used : generatedOnRequest).incrementAndGet();
    }

    /** Requests ranked on prepared candidates since start. */
    public long used() {
        return used.get();
    }

    /** Requests that generated their candidates (no preparation, or one that no longer fit). */
    public long generatedOnRequest() {
        return generatedOnRequest.get();
    }

    /** The person's preparation if it fits {@code now}. */
    public Optional<Preparation> find(PersonId person, PersonFeatures now, Instant at, Duration maxAge) {
        Preparation p = prepared.get(person);
        return p != null && p.fits(now, at, maxAge) ? Optional.of(p) : Optional.empty();
    }

    /** The person is erased: their candidate texts go with them. */
    public void forget(PersonId person) {
        prepared.remove(person);
    }

    public Optional<Preparation> peek(PersonId person) {
        return Optional.ofNullable(prepared.get(person));
    }

    public int size() {
        return prepared.size();
    }
}

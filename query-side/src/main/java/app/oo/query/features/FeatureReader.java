package app.oo.query.features;

import static app.oo.query.jooq.Tables.PERSON_SIGNAL;
import static app.oo.query.jooq.Tables.PERSON_TIP;
import static app.oo.query.jooq.Tables.PERSON_TIP_REACTION;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.regrSlope;
import static org.jooq.impl.DSL.inline;

import app.oo.domain.person.PersonId;
import app.oo.domain.signal.SignalSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;

/**
 * Reads a person's {@link FeatureInputs} as of an instant with a handful of indexed queries, each
 * bounded by the person and a window (28 days of signals, two days of busy blocks, the person's
 * tips), so the cost does not grow with the store.
 */
final class FeatureReader {

    private static final int WINDOW_DAYS = 28;

    private final DSLContext db;

    FeatureReader(DSLContext db) {
        this.db = db;
    }

    FeatureInputs read(PersonId personId, Instant now) {
        UUID person = personId.value();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Condition window = PERSON_SIGNAL.PERSON_ID.eq(person)
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(WINDOW_DAYS)))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(at));

        List<SelectField<?>> fields = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (SignalSource source : SignalSource.values()) {
            for (int days : FeatureCalculator.WINDOWS_DAYS) {
                keys.add(FeatureInputs.countKey(source.wireName(), days));
                fields.add(count().filterWhere(PERSON_SIGNAL.SOURCE.eq(source.wireName())
                        .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(days)))));
            }
        }
        Condition tasks7d = PERSON_SIGNAL.SOURCE.eq("tasks").and(PERSON_SIGNAL.TYPE.eq("completed"))
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(7)));
        Condition mood7d = PERSON_SIGNAL.SOURCE.eq("mood").and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(7)));
        Condition habits7d = PERSON_SIGNAL.SOURCE.eq("habits").and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(7)));
        Field<Integer> completed = count().filterWhere(tasks7d);
        Field<java.math.BigDecimal> moodMean = avg(PERSON_SIGNAL.VALUE).filterWhere(mood7d);
        Field<java.math.BigDecimal> moodSlope = regrSlope(PERSON_SIGNAL.VALUE,
                extract(PERSON_SIGNAL.OCCURRED_AT, DatePart.EPOCH)).filterWhere(mood7d);
        Field<Integer> moodCount = count().filterWhere(mood7d);
        Field<Double> habitMax = max(PERSON_SIGNAL.VALUE).filterWhere(habits7d);
        fields.add(completed);
        fields.add(moodMean);
        fields.add(moodSlope);
        fields.add(moodCount);
        fields.add(habitMax);
        Record aggregates = db.select(fields).from(PERSON_SIGNAL).where(window).fetchOne();

        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            counts.put(keys.get(i), aggregates.get(i, Long.class));
        }

        String timeZone = db.select(PERSON_SIGNAL.TIME_ZONE).from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(person))
                .and(PERSON_SIGNAL.SOURCE.eq("context"))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(at))
                .orderBy(PERSON_SIGNAL.OCCURRED_AT.desc(), PERSON_SIGNAL.SIGNAL_ID.desc())
                .limit(1)
                .fetchOne(PERSON_SIGNAL.TIME_ZONE);
        OffsetDateTime lastSignal = db.select(max(PERSON_SIGNAL.OCCURRED_AT)).from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(person))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(at))
                .fetchOne(0, OffsetDateTime.class);

        return new FeatureInputs(counts, aggregates.get(completed, Long.class), toDouble(aggregates.get(moodMean)),
                toDouble(aggregates.get(moodSlope)), aggregates.get(moodCount, Long.class), aggregates.get(habitMax),
                activeHours(window, FeatureCalculator.zoneOf(timeZone).getId()),
                lastSignal == null ? null : lastSignal.toInstant(), timeZone,
                tasks(person, at), busy(person, at), tips(person, at), lastReaction(person, at));
    }

    private long[] activeHours(Condition window, String zone) {
        // Inlined (a valid zone id, see FeatureCalculator.zoneOf): the same expression must appear in
        // SELECT and GROUP BY, and two bind parameters would make PostgreSQL see two expressions.
        Field<Integer> hour = field("extract(hour from {0} at time zone {1})", Integer.class,
                PERSON_SIGNAL.OCCURRED_AT, inline(zone));
        long[] hours = new long[24];
        db.select(hour, count()).from(PERSON_SIGNAL).where(window).groupBy(hour)
                .forEach(r -> hours[r.value1()] = r.value2());
        return hours;
    }

    /** The latest signal of each task over 28 days; a task without a reference is its own signal. */
    private List<FeatureInputs.TaskState> tasks(UUID person, OffsetDateTime at) {
        Field<String> key = coalesce(PERSON_SIGNAL.TASK_REF, PERSON_SIGNAL.SIGNAL_ID.cast(String.class));
        return db.select(PERSON_SIGNAL.TYPE, PERSON_SIGNAL.DUE, PERSON_SIGNAL.OCCURRED_AT)
                .distinctOn(key)
                .from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(person))
                .and(PERSON_SIGNAL.SOURCE.eq("tasks"))
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(WINDOW_DAYS)))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(at))
                .orderBy(key, PERSON_SIGNAL.OCCURRED_AT.desc(), PERSON_SIGNAL.SIGNAL_ID.desc())
                .fetch(r -> new FeatureInputs.TaskState(r.value1(), r.value2(), r.value3().toInstant()));
    }

    /** Busy blocks known by now that touch the two days around it (enough for today in any zone). */
    private List<FeatureInputs.BusyBlock> busy(UUID person, OffsetDateTime at) {
        return db.select(PERSON_SIGNAL.STARTS_AT, PERSON_SIGNAL.ENDS_AT).from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(person))
                .and(PERSON_SIGNAL.SOURCE.eq("calendar"))
                .and(PERSON_SIGNAL.STARTS_AT.lt(at.plusDays(2)))
                .and(PERSON_SIGNAL.ENDS_AT.gt(at.minusDays(2)))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(at))
                .fetch(r -> new FeatureInputs.BusyBlock(r.value1().toInstant(), r.value2().toInstant()));
    }

    private List<FeatureInputs.TipOutcome> tips(UUID person, OffsetDateTime at) {
        Map<UUID, FeatureInputs.TipOutcome> tips = new LinkedHashMap<>();
        db.select(PERSON_TIP.TIP_ID, PERSON_TIP.CATEGORY, PERSON_TIP.ISSUED_AT, PERSON_TIP_REACTION.REACTION)
                .from(PERSON_TIP)
                .leftJoin(PERSON_TIP_REACTION).on(PERSON_TIP_REACTION.TIP_ID.eq(PERSON_TIP.TIP_ID)
                        .and(PERSON_TIP_REACTION.REACTED_AT.le(at)))
                .where(PERSON_TIP.PERSON_ID.eq(person))
                .and(PERSON_TIP.ISSUED_AT.le(at))
                .forEach(r -> {
                    FeatureInputs.TipOutcome tip = tips.computeIfAbsent(r.value1(), id ->
                            new FeatureInputs.TipOutcome(r.value2(), r.value3().toInstant(), new ArrayList<>()));
                    if (r.value4() != null) {
                        tip.reactions().add(r.value4());
                    }
                });
        return List.copyOf(tips.values());
    }

    private Instant lastReaction(UUID person, OffsetDateTime at) {
        OffsetDateTime last = db.select(max(PERSON_TIP_REACTION.REACTED_AT)).from(PERSON_TIP_REACTION)
                .where(PERSON_TIP_REACTION.PERSON_ID.eq(person))
                .and(PERSON_TIP_REACTION.REACTED_AT.le(at))
                .fetchOne(0, OffsetDateTime.class);
        return last == null ? null : last.toInstant();
    }

    private static Double toDouble(Number value) {
        return value == null ? null : value.doubleValue();
    }
}

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
import app.oo.query.platform.RenderedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SelectField;

/**
 * Reads a person's {@link FeatureInputs} as of an instant with a handful of indexed queries, each
 * bounded by the person and a window (28 days of signals, two days of busy blocks, the person's
 * tips), so the cost does not grow with the store.
 *
 * <p>Every tip reads them on its request path, so the queries are written once in jOOQ, rendered
 * once per reader (with the reader's schema mapping: a rebuild's reader reads its own tables) and
 * run through JDBC with the values of the moment: rendering them per read was half of a read's CPU.
 */
final class FeatureReader {

    private static final int WINDOW_DAYS = 28;

    // Sentinels that stand for the values of a read in the queries rendered once (see RenderedQuery).
    private static final UUID PERSON = new UUID(0x6f4f_0000_0000_0001L, 1);
    private static final OffsetDateTime AT = OffsetDateTime.of(1970, 1, 2, 0, 0, 0, 7, ZoneOffset.UTC);

    /** Every "days before the read" the queries below use, each with its own sentinel. */
    private static final Set<Integer> DAYS_BACK = IntStream.concat(IntStream.of(0, 2, 7, WINDOW_DAYS),
            Arrays.stream(FeatureCalculator.WINDOWS_DAYS)).boxed().collect(Collectors.toUnmodifiableSet());

    private final DSLContext db;
    private final List<String> countKeys = new ArrayList<>();
    private final RenderedQuery aggregates;
    private final RenderedQuery timeZone;
    private final RenderedQuery lastSignal;
    private final RenderedQuery tasks;
    private final RenderedQuery busy;
    private final RenderedQuery tips;
    private final RenderedQuery lastReaction;
    private final Map<String, RenderedQuery> activeHoursByZone = new ConcurrentHashMap<>();

    FeatureReader(DSLContext db) {
        this.db = db;
        List<SelectField<?>> fields = new ArrayList<>();
        for (SignalSource source : SignalSource.values()) {
            for (int days : FeatureCalculator.WINDOWS_DAYS) {
                countKeys.add(FeatureInputs.countKey(source.wireName(), days));
                fields.add(count().filterWhere(PERSON_SIGNAL.SOURCE.eq(source.wireName())
                        .and(PERSON_SIGNAL.OCCURRED_AT.gt(AT.minusDays(days)))));
            }
        }
        Condition tasks7d = PERSON_SIGNAL.SOURCE.eq("tasks").and(PERSON_SIGNAL.TYPE.eq("completed"))
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(AT.minusDays(7)));
        Condition mood7d = PERSON_SIGNAL.SOURCE.eq("mood").and(PERSON_SIGNAL.OCCURRED_AT.gt(AT.minusDays(7)));
        Condition habits7d = PERSON_SIGNAL.SOURCE.eq("habits").and(PERSON_SIGNAL.OCCURRED_AT.gt(AT.minusDays(7)));
        fields.add(count().filterWhere(tasks7d));
        fields.add(avg(PERSON_SIGNAL.VALUE).filterWhere(mood7d));
        fields.add(regrSlope(PERSON_SIGNAL.VALUE, extract(PERSON_SIGNAL.OCCURRED_AT, DatePart.EPOCH)).filterWhere(mood7d));
        fields.add(count().filterWhere(mood7d));
        fields.add(max(PERSON_SIGNAL.VALUE).filterWhere(habits7d));
        aggregates = rendered(db.select(fields).from(PERSON_SIGNAL).where(window()));

        timeZone = rendered(db.select(PERSON_SIGNAL.TIME_ZONE).from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(PERSON))
                .and(PERSON_SIGNAL.SOURCE.eq("context"))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(AT))
                .orderBy(PERSON_SIGNAL.OCCURRED_AT.desc(), PERSON_SIGNAL.SIGNAL_ID.desc())
                .limit(inline(1)));
        lastSignal = rendered(db.select(max(PERSON_SIGNAL.OCCURRED_AT)).from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(PERSON))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(AT)));

        // The latest signal of each task over 28 days; a task without a reference is its own signal.
        Field<String> key = coalesce(PERSON_SIGNAL.TASK_REF, PERSON_SIGNAL.SIGNAL_ID.cast(String.class));
        tasks = rendered(db.select(PERSON_SIGNAL.TYPE, PERSON_SIGNAL.DUE, PERSON_SIGNAL.OCCURRED_AT)
                .distinctOn(key)
                .from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(PERSON))
                .and(PERSON_SIGNAL.SOURCE.eq("tasks"))
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(AT.minusDays(WINDOW_DAYS)))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(AT))
                .orderBy(key, PERSON_SIGNAL.OCCURRED_AT.desc(), PERSON_SIGNAL.SIGNAL_ID.desc()));

        // Busy blocks known by now that touch the two days around it (enough for today in any zone).
        busy = rendered(db.select(PERSON_SIGNAL.STARTS_AT, PERSON_SIGNAL.ENDS_AT).from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(PERSON))
                .and(PERSON_SIGNAL.SOURCE.eq("calendar"))
                .and(PERSON_SIGNAL.STARTS_AT.lt(AT.plusDays(2)))
                .and(PERSON_SIGNAL.ENDS_AT.gt(AT.minusDays(2)))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(AT)));

        tips = rendered(db.select(PERSON_TIP.TIP_ID, PERSON_TIP.CATEGORY, PERSON_TIP.ISSUED_AT,
                        PERSON_TIP_REACTION.REACTION)
                .from(PERSON_TIP)
                .leftJoin(PERSON_TIP_REACTION).on(PERSON_TIP_REACTION.TIP_ID.eq(PERSON_TIP.TIP_ID)
                        .and(PERSON_TIP_REACTION.REACTED_AT.le(AT)))
                .where(PERSON_TIP.PERSON_ID.eq(PERSON))
                .and(PERSON_TIP.ISSUED_AT.le(AT)));
        lastReaction = rendered(db.select(max(PERSON_TIP_REACTION.REACTED_AT)).from(PERSON_TIP_REACTION)
                .where(PERSON_TIP_REACTION.PERSON_ID.eq(PERSON))
                .and(PERSON_TIP_REACTION.REACTED_AT.le(AT)));
    }

    private RenderedQuery rendered(Query query) {
        return RenderedQuery.of(db, query, bind -> bind == PERSON || bind instanceof OffsetDateTime);
    }

    private static Condition window() {
        return PERSON_SIGNAL.PERSON_ID.eq(PERSON)
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(AT.minusDays(WINDOW_DAYS)))
                .and(PERSON_SIGNAL.OCCURRED_AT.le(AT));
    }

    FeatureInputs read(PersonId personId, Instant now) {
        Map<Object, Object> values = new HashMap<>();
        values.put(PERSON, personId.value());
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        for (int days : DAYS_BACK) {
            values.put(AT.minusDays(days), at.minusDays(days));
        }
        values.put(AT.plusDays(2), at.plusDays(2));
        return db.connectionResult(c -> read(c, values));
    }

    private FeatureInputs read(Connection c, Map<Object, Object> values) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        Long completed;
        Double moodMean;
        Double moodSlope;
        Long moodCount;
        Double habitMax;
        try (PreparedStatement ps = aggregates.prepare(c, values); ResultSet rs = ps.executeQuery()) {
            rs.next();
            int column = 1;
            for (String key : countKeys) {
                counts.put(key, rs.getLong(column++));
            }
            completed = rs.getLong(column++);
            moodMean = doubleOrNull(rs, column++);
            moodSlope = doubleOrNull(rs, column++);
            moodCount = rs.getLong(column++);
            habitMax = doubleOrNull(rs, column);
        }
        String zone = single(c, timeZone, values, rs -> rs.getString(1));
        OffsetDateTime last = single(c, lastSignal, values, rs -> rs.getObject(1, OffsetDateTime.class));
        OffsetDateTime reacted = single(c, lastReaction, values, rs -> rs.getObject(1, OffsetDateTime.class));
        return new FeatureInputs(counts, completed, moodMean, moodSlope, moodCount, habitMax,
                activeHours(c, values, FeatureCalculator.zoneOf(zone).getId()),
                last == null ? null : last.toInstant(), zone,
                rows(c, tasks, values, rs -> new FeatureInputs.TaskState(rs.getString(1),
                        rs.getObject(2, LocalDate.class), rs.getObject(3, OffsetDateTime.class).toInstant())),
                rows(c, busy, values, rs -> new FeatureInputs.BusyBlock(
                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant())),
                tips(c, values),
                reacted == null ? null : reacted.toInstant());
    }

    private long[] activeHours(Connection c, Map<Object, Object> values, String zone) throws SQLException {
        // Inlined (a valid zone id, see FeatureCalculator.zoneOf): the same expression must appear in
        // SELECT and GROUP BY, and two bind parameters would make PostgreSQL see two expressions.
        RenderedQuery query = activeHoursByZone.computeIfAbsent(zone, z -> {
            Field<Integer> hour = field("extract(hour from {0} at time zone {1})", Integer.class,
                    PERSON_SIGNAL.OCCURRED_AT, inline(z));
            return rendered(db.select(hour, count()).from(PERSON_SIGNAL).where(window()).groupBy(hour));
        });
        long[] hours = new long[24];
        try (PreparedStatement ps = query.prepare(c, values); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hours[rs.getInt(1)] = rs.getLong(2);
            }
        }
        return hours;
    }

    private List<FeatureInputs.TipOutcome> tips(Connection c, Map<Object, Object> values) throws SQLException {
        Map<UUID, FeatureInputs.TipOutcome> outcomes = new LinkedHashMap<>();
        try (PreparedStatement ps = tips.prepare(c, values); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String category = rs.getString(2);
                Instant issuedAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                FeatureInputs.TipOutcome tip = outcomes.computeIfAbsent(rs.getObject(1, UUID.class),
                        id -> new FeatureInputs.TipOutcome(category, issuedAt, new ArrayList<>()));
                String reaction = rs.getString(4);
                if (reaction != null) {
                    tip.reactions().add(reaction);
                }
            }
        }
        return List.copyOf(outcomes.values());
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T single(Connection c, RenderedQuery query, Map<Object, Object> values, Column<T> column)
            throws SQLException {
        try (PreparedStatement ps = query.prepare(c, values); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? column.read(rs) : null;
        }
    }

    private static <T> List<T> rows(Connection c, RenderedQuery query, Map<Object, Object> values, Column<T> row)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = query.prepare(c, values); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row.read(rs));
            }
        }
        return rows;
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}

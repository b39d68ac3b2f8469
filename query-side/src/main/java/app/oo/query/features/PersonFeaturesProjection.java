package app.oo.query.features;

import static app.oo.query.jooq.Tables.PERSON_SIGNAL;
import static app.oo.query.jooq.Tables.TIP_FEED;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.signal.CalendarPayload;
import app.oo.domain.signal.HabitPayload;
import app.oo.domain.signal.MoodPayload;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.signal.SignalSource;
import app.oo.query.batching.UnitOfWorkBatch;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.springframework.stereotype.Component;

/**
 * Keeps one derivative row per signal in {@code person_signal} and answers the person's feature
 * view from it: counts per source over 1, 7 and 28 days, overdue tasks, mood and habit numbers,
 * and the time since the last tip. Feature names follow docs/api/ml-serving.yaml.
 */
@Component
@ProcessingGroup(PersonFeaturesProjection.GROUP)
public class PersonFeaturesProjection {

    public static final String GROUP = "person-features";
    private static final int[] WINDOWS_DAYS = {1, 7, 28};

    private final DSLContext db;
    private final UnitOfWorkBatch writes;

    public PersonFeaturesProjection(DSLContext db) {
        this.db = db;
        this.writes = new UnitOfWorkBatch(db, GROUP);
    }

    @EventHandler
    void on(SignalRecordedEvent event) {
        writes.add(db.insertInto(PERSON_SIGNAL)
                .set(PERSON_SIGNAL.SIGNAL_ID, event.signalId().value())
                .set(PERSON_SIGNAL.PERSON_ID, event.personId().value())
                .set(PERSON_SIGNAL.SOURCE, event.source().wireName())
                .set(PERSON_SIGNAL.TYPE, event.type())
                .set(PERSON_SIGNAL.VALUE, numberOf(event))
                .set(PERSON_SIGNAL.OCCURRED_AT, event.occurredAt().atOffset(ZoneOffset.UTC))
                .set(PERSON_SIGNAL.RECORDED_AT, event.receivedAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing());
    }

    /** The one number a signal contributes to the view; personal texts never reach it. */
    static Double numberOf(SignalRecordedEvent event) {
        if (event.payload() instanceof MoodPayload mood) {
            return mood.score().doubleValue();
        }
        if (event.payload() instanceof HabitPayload habit) {
            return habit.streak().doubleValue();
        }
        if (event.payload() instanceof CalendarPayload busy) {
            return Duration.between(busy.start(), busy.end()).toMinutes() / 60.0;
        }
        return null;
    }

    @ResetHandler
    void reset() {
        db.truncate(PERSON_SIGNAL).execute();
    }

    @QueryHandler
    public PersonFeatures handle(FetchPersonFeaturesQuery query) {
        Instant now = query.now();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<SelectField<?>> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SignalSource source : SignalSource.values()) {
            for (int days : WINDOWS_DAYS) {
                names.add("signals" + capitalised(source.wireName()) + days + "d");
                fields.add(countWhere(PERSON_SIGNAL.SOURCE.eq(source.wireName())
                        .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(days)))));
            }
        }
        names.add("tasksOverdue");
        fields.add(countWhere(PERSON_SIGNAL.SOURCE.eq("tasks").and(PERSON_SIGNAL.TYPE.eq("overdue"))
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(1)))));
        names.add("tasksCompleted7d");
        fields.add(countWhere(PERSON_SIGNAL.SOURCE.eq("tasks").and(PERSON_SIGNAL.TYPE.eq("completed"))
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(7)))));
        names.add("moodMean7d");
        fields.add(avg(when(PERSON_SIGNAL.SOURCE.eq("mood").and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(7))),
                PERSON_SIGNAL.VALUE)));
        names.add("habitStreakMax");
        fields.add(max(when(PERSON_SIGNAL.SOURCE.eq("habits").and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(7))),
                PERSON_SIGNAL.VALUE)));
        names.add("busyHoursToday");
        fields.add(sum(when(PERSON_SIGNAL.SOURCE.eq("calendar")
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(1))), PERSON_SIGNAL.VALUE)));

        Record row = db.select(fields).from(PERSON_SIGNAL)
                .where(PERSON_SIGNAL.PERSON_ID.eq(query.personId().value()))
                .and(PERSON_SIGNAL.OCCURRED_AT.gt(at.minusDays(28)))
                .fetchOne();
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Object value = row == null ? null : row.get(i);
            values.put(names.get(i), value == null ? 0.0 : ((Number) value).doubleValue());
        }
        double tasks7d = values.get("signalsTasks7d");
        values.put("taskCompletionRate7d", tasks7d == 0 ? 0.0 : values.get("tasksCompleted7d") / tasks7d);
        values.put("localHour", (double) at.getHour());
        values.put("weekday", (double) at.getDayOfWeek().getValue());
        OffsetDateTime lastTip = db.select(max(TIP_FEED.ISSUED_AT)).from(TIP_FEED)
                .where(TIP_FEED.PERSON_ID.eq(query.personId().value())).fetchOne(0, OffsetDateTime.class);
        values.put("hoursSinceLastTip", lastTip == null ? 24.0 * 28
                : Duration.between(lastTip.toInstant(), now).toMinutes() / 60.0);
        return new PersonFeatures(query.personId(), values, now);
    }

    private static Field<Integer> countWhere(Condition condition) {
        return count().filterWhere(condition);
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}

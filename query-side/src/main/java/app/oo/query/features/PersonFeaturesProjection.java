package app.oo.query.features;

import static app.oo.query.platform.ViewTime.utc;
import static app.oo.query.jooq.Tables.PERSON_SIGNAL;
import static app.oo.query.jooq.Tables.PERSON_TIP;
import static app.oo.query.jooq.Tables.PERSON_TIP_REACTION;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.signal.CalendarPayload;
import app.oo.domain.signal.ContextPayload;
import app.oo.domain.signal.HabitPayload;
import app.oo.domain.signal.MoodPayload;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.signal.TaskPayload;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.query.jooq.tables.records.PersonSignalRecord;
import app.oo.query.jooq.tables.records.PersonTipReactionRecord;
import app.oo.query.jooq.tables.records.PersonTipRecord;
import app.oo.query.platform.BatchedWrites;
import app.oo.query.platform.DeferredWrites;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The person's feature view. Writes are insert-only derivative rows keyed by the event's own id
 * (a signal, a tip, a reaction), so they commute and batch, and a redelivery or a replay changes
 * nothing; the numbers that depend on "now" (windows, today, time since) are computed at query time
 * from bounded, indexed reads. Names follow docs/api/ml-serving.yaml. Notes, habit names, project
 * names and tip texts never reach these tables.
 */
@Component
@DeferredWrites
@ProcessingGroup(PersonFeaturesProjection.GROUP)
public class PersonFeaturesProjection {

    public static final String GROUP = "person-features";

    private final DSLContext db;
    private final BatchedWrites writes;
    private final FeatureReader reader;

    public PersonFeaturesProjection(DSLContext db, BatchedWrites writes) {
        this.db = db;
        this.writes = writes;
        this.reader = new FeatureReader(db);
    }

    @EventHandler
    void on(SignalRecordedEvent event) {
        String taskRef = null;
        LocalDate due = null;
        OffsetDateTime startsAt = null;
        OffsetDateTime endsAt = null;
        String timeZone = null;
        if (event.payload() instanceof TaskPayload task) {
            taskRef = task.taskRef();
            due = task.due();
        } else if (event.payload() instanceof CalendarPayload busy) {
            startsAt = utc(busy.start());
            endsAt = utc(busy.end());
        } else if (event.payload() instanceof ContextPayload context) {
            timeZone = context.timeZone();
        }
        PersonSignalRecord row = db.newRecord(PERSON_SIGNAL);
        row.setSignalId(event.signalId().value());
        row.setPersonId(event.personId().value());
        row.setSource(event.source().wireName());
        row.setType(event.type());
        row.setValue(numberOf(event));
        row.setOccurredAt(utc(event.occurredAt()));
        row.setRecordedAt(utc(event.receivedAt()));
        row.setTaskRef(taskRef);
        row.setDue(due);
        row.setStartsAt(startsAt);
        row.setEndsAt(endsAt);
        row.setTimeZone(timeZone);
        writes.insertIfAbsent(row);
    }

    @EventHandler
    void on(TipIssuedEvent event) {
        PersonTipRecord row = db.newRecord(PERSON_TIP);
        row.setTipId(event.tipId().value());
        row.setPersonId(event.personId().value());
        row.setCategory(event.category());
        row.setIssuedAt(utc(event.issuedAt()));
        writes.insertIfAbsent(row);
    }

    @EventHandler
    void on(TipReactedEvent event) {
        PersonTipReactionRecord row = db.newRecord(PERSON_TIP_REACTION);
        row.setTipId(event.tipId().value());
        row.setPersonId(event.personId().value());
        row.setReaction(event.reaction().wireName());
        row.setReactedAt(utc(event.at()));
        writes.insertIfAbsent(row);
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        writes.add(db.deleteFrom(PERSON_SIGNAL).where(PERSON_SIGNAL.PERSON_ID.eq(event.personId().value())));
        writes.add(db.deleteFrom(PERSON_TIP).where(PERSON_TIP.PERSON_ID.eq(event.personId().value())));
        writes.add(db.deleteFrom(PERSON_TIP_REACTION)
                .where(PERSON_TIP_REACTION.PERSON_ID.eq(event.personId().value())));
    }

    /** The one number a signal contributes: a mood score, a habit streak, a busy block's hours. */
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
        db.truncate(PERSON_TIP).execute();
        db.truncate(PERSON_TIP_REACTION).execute();
    }

    @QueryHandler
    public PersonFeatures handle(FetchPersonFeaturesQuery query) {
        Instant now = query.now();
        return new PersonFeatures(query.personId(), FeatureCalculator.compute(reader.read(query.personId(), now), now),
                now);
    }
}

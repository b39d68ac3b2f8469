package app.oo.query.timing;

import static app.oo.query.platform.ViewTime.utc;
import static app.oo.query.jooq.Tables.TIMING_DECISION;
import static app.oo.query.jooq.Tables.TIMING_PREFERENCES;
import static app.oo.query.jooq.Tables.TIMING_SCHEDULE;
import static app.oo.query.timing.TimingRows.instant;

import app.oo.domain.consent.ConsentGrantedEvent;
import app.oo.domain.consent.ConsentRevokedEvent;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import app.oo.domain.signal.CalendarPayload;
import app.oo.domain.signal.ContextPayload;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.signal.TaskPayload;
import app.oo.domain.timing.FindTimingDecisionsQuery;
import app.oo.domain.timing.FindTimingPreferencesQuery;
import app.oo.domain.timing.TimingDecisionEntry;
import app.oo.domain.timing.TimingDecisionsView;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingPreferencesSetEvent;
import app.oo.domain.timing.TimingPreferencesView;
import app.oo.domain.timing.TimingTrigger;
import app.oo.query.platform.SelectiveWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * Keeps each person's timing preferences and arms their moments in {@code timing_schedule}: the
 * morning (once they consent to tips, again when their preferences or, without preferences of
 * their own, their context zone change), the end of each busy calendar block, and the start of the
 * local day after an open task's due date (a completion disarms it). Only moments still ahead of
 * the signal's arrival are armed. Not replayable: a replay would arm moments that were spent long
 * ago. Erasure (requested or done) drops the person's preferences, moments and decisions.
 */
@Component
@ProcessingGroup(TimingProjection.GROUP)
@DisallowReplay
public class TimingProjection implements SelectiveWrites {

    public static final String GROUP = "timing";

    private final DSLContext db;
    private final TimingSchedule schedule;

    public TimingProjection(DSLContext db, TimingSchedule schedule) {
        this.db = db;
        this.schedule = schedule;
    }

    @EventHandler
    void on(TimingPreferencesSetEvent event) {
        TimingPreferences p = event.preferences();
        if (p == null) {
            return;
        }
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(TIMING_PREFERENCES.TIME_ZONE, p.timeZone());
        set.put(TIMING_PREFERENCES.QUIET_START, p.quietStart());
        set.put(TIMING_PREFERENCES.QUIET_END, p.quietEnd());
        set.put(TIMING_PREFERENCES.DAILY_CAP, p.dailyCap());
        set.put(TIMING_PREFERENCES.MORNING_AT, p.morningAt());
        set.put(TIMING_PREFERENCES.TRIGGERS, TimingRows.triggers(p.triggers()));
        set.put(TIMING_PREFERENCES.MIN_GAP_MINUTES, (int) p.minGap().toMinutes());
        set.put(TIMING_PREFERENCES.SET_AT, utc(event.at()));
        db.insertInto(TIMING_PREFERENCES)
                .set(TIMING_PREFERENCES.PERSON_ID, event.personId().value())
                .set(set)
                .onConflict(TIMING_PREFERENCES.PERSON_ID).doUpdate()
                .set(set)
                .execute();
        if (schedule.tipsConsent(event.personId())) {
            schedule.scheduleMorning(event.personId(), p, event.at());
        }
    }

    @EventHandler
    void on(ConsentGrantedEvent event) {
        if (event.topic() != ConsentTopic.TIPS) {
            return;
        }
        db.insertInto(TIMING_PREFERENCES)
                .set(TIMING_PREFERENCES.PERSON_ID, event.personId().value())
                .set(TIMING_PREFERENCES.TIPS_CONSENT, true)
                .onConflict(TIMING_PREFERENCES.PERSON_ID).doUpdate()
                .set(TIMING_PREFERENCES.TIPS_CONSENT, true)
                .execute();
        schedule.scheduleMorning(event.personId(), schedule.preferences(event.personId()).preferences(), event.at());
    }

    @EventHandler
    void on(ConsentRevokedEvent event) {
        if (event.topic() != ConsentTopic.TIPS) {
            return;
        }
        db.update(TIMING_PREFERENCES).set(TIMING_PREFERENCES.TIPS_CONSENT, false)
                .where(TIMING_PREFERENCES.PERSON_ID.eq(event.personId().value())).execute();
        db.deleteFrom(TIMING_SCHEDULE).where(TIMING_SCHEDULE.PERSON_ID.eq(event.personId().value())).execute();
    }

    /** Of the signals, only context, calendar and task signals touch the schedule (most are moods and habits). */
    @Override
    public boolean writesFor(Object payload) {
        return !(payload instanceof SignalRecordedEvent signal) || signal.payload() instanceof ContextPayload
                || signal.payload() instanceof CalendarPayload || signal.payload() instanceof TaskPayload;
    }

    @EventHandler
    void on(SignalRecordedEvent event) {
        PersonId person = event.personId();
        if (event.payload() instanceof ContextPayload context) {
            db.insertInto(TIMING_PREFERENCES)
                    .set(TIMING_PREFERENCES.PERSON_ID, person.value())
                    .set(TIMING_PREFERENCES.CONTEXT_ZONE, context.timeZone())
                    .onConflict(TIMING_PREFERENCES.PERSON_ID).doUpdate()
                    .set(TIMING_PREFERENCES.CONTEXT_ZONE, context.timeZone())
                    .execute();
            TimingPreferencesView view = schedule.preferences(person);
            if (!view.custom() && schedule.tipsConsent(person)) {
                schedule.scheduleMorning(person, view.preferences(), event.receivedAt());
            }
        } else if (event.payload() instanceof CalendarPayload busy) {
            if (busy.end().isAfter(event.receivedAt()) && schedule.tipsConsent(person)) {
                schedule.arm(person, TimingTrigger.BUSY_BLOCK_END, event.signalId().toString(), busy.end(),
                        event.receivedAt());
            }
        } else if (event.payload() instanceof TaskPayload task) {
            String ref = task.taskRef() != null ? task.taskRef() : event.signalId().toString();
            if ("completed".equals(event.type())) {
                schedule.disarm(person, TimingTrigger.TASK_OVERDUE, ref);
            } else if (task.due() != null && schedule.tipsConsent(person)) {
                Instant overdueAt = schedule.preferences(person).preferences().overdueAt(task.due());
                if (overdueAt.isAfter(event.receivedAt())) {
                    schedule.arm(person, TimingTrigger.TASK_OVERDUE, ref, overdueAt, event.receivedAt());
                }
            }
        }
    }

    @EventHandler
    void on(ErasureRequestedEvent event) {
        forget(event.personId());
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        forget(event.personId());
    }

    @QueryHandler
    public TimingPreferencesView handle(FindTimingPreferencesQuery query) {
        return schedule.preferences(query.personId());
    }

    @QueryHandler
    public TimingDecisionsView handle(FindTimingDecisionsQuery query) {
        List<Condition> where = new ArrayList<>();
        if (query.personKey() != null) {
            where.add(TIMING_DECISION.PERSON_KEY.eq(query.personKey()));
        }
        if (query.from() != null) {
            where.add(TIMING_DECISION.DECIDED_AT.ge(utc(query.from())));
        }
        if (query.to() != null) {
            where.add(TIMING_DECISION.DECIDED_AT.lt(utc(query.to())));
        }
        return new TimingDecisionsView(db.selectFrom(TIMING_DECISION).where(where)
                .orderBy(TIMING_DECISION.DECIDED_AT.desc(), TIMING_DECISION.DECISION_ID)
                .limit(query.limit())
                .fetch(r -> new TimingDecisionEntry(r.getDecisionId(), r.getPersonKey(), r.getTriggerName(),
                        instant(r.getMomentAt()), instant(r.getDecidedAt()), r.getOutcome(), r.getReason(),
                        r.getTipId())));
    }

    private void forget(PersonId person) {
        UUID id = person.value();
        db.deleteFrom(TIMING_SCHEDULE).where(TIMING_SCHEDULE.PERSON_ID.eq(id)).execute();
        db.deleteFrom(TIMING_DECISION).where(TIMING_DECISION.PERSON_ID.eq(id)).execute();
        db.deleteFrom(TIMING_PREFERENCES).where(TIMING_PREFERENCES.PERSON_ID.eq(id)).execute();
    }
}

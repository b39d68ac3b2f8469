package app.oo.query.timing;

import static app.oo.query.platform.ViewTime.utc;
import static app.oo.query.jooq.Tables.TIMING_DECISION;
import static app.oo.query.jooq.Tables.TIMING_PREFERENCES;
import static app.oo.query.jooq.Tables.TIMING_SCHEDULE;
import static app.oo.query.timing.TimingRows.instant;

import app.oo.domain.person.PersonId;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingPreferencesView;
import app.oo.domain.timing.TimingTrigger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The one writer of {@code timing_schedule} and {@code timing_decision}. The poller calls
 * {@link #claimNext}, {@link #lockPerson}, {@link #record} and then {@link #moveTo} or
 * {@link #remove} inside one transaction: the claimed row stays locked until that transaction
 * ends, other nodes skip it, and a crash rolls the claim back so the moment is decided again.
 */
@Component
public class TimingSchedule {

    public static final String MORNING_REF = "morning";
    private static final String ISSUE = "issue";

    private final DSLContext db;

    public TimingSchedule(DSLContext db) {
        this.db = db;
    }

    /** Arms a moment, or moves it when it is armed already. */
    public void arm(PersonId person, TimingTrigger trigger, String ref, Instant dueAt, Instant now) {
        db.insertInto(TIMING_SCHEDULE)
                .set(TIMING_SCHEDULE.PERSON_ID, person.value())
                .set(TIMING_SCHEDULE.TRIGGER_NAME, trigger.wireName())
                .set(TIMING_SCHEDULE.REF, ref)
                .set(TIMING_SCHEDULE.DUE_AT, utc(dueAt))
                .set(TIMING_SCHEDULE.SCHEDULED_AT, utc(now))
                .onConflict(TIMING_SCHEDULE.PERSON_ID, TIMING_SCHEDULE.TRIGGER_NAME, TIMING_SCHEDULE.REF).doUpdate()
                .set(TIMING_SCHEDULE.DUE_AT, utc(dueAt))
                .set(TIMING_SCHEDULE.SCHEDULED_AT, utc(now))
                .execute();
    }

    public void disarm(PersonId person, TimingTrigger trigger, String ref) {
        db.deleteFrom(TIMING_SCHEDULE).where(key(person, trigger, ref)).execute();
    }

    /** Arms the person's next morning strictly after {@code after}, in their zone. */
    public void scheduleMorning(PersonId person, TimingPreferences preferences, Instant after) {
        arm(person, TimingTrigger.MORNING, MORNING_REF, preferences.nextMorningAfter(after), after);
    }

    /**
     * Locks and returns the earliest moment due at {@code now}, skipping rows another transaction
     * holds. Call inside a transaction; the lock lasts until it ends.
     *
     * @param onlyFor only this person's moments, or null for everyone's
     */
    public Optional<DueMoment> claimNext(Instant now, PersonId onlyFor) {
        Condition due = TIMING_SCHEDULE.DUE_AT.le(utc(now));
        if (onlyFor != null) {
            due = due.and(TIMING_SCHEDULE.PERSON_ID.eq(onlyFor.value()));
        }
        return db.selectFrom(TIMING_SCHEDULE).where(due)
                .orderBy(TIMING_SCHEDULE.DUE_AT)
                .limit(1)
                .forUpdate().skipLocked()
                .fetchOptional(r -> new DueMoment(new PersonId(r.getPersonId()),
                        TimingTrigger.fromWireName(r.getTriggerName()), r.getRef(), instant(r.getDueAt())));
    }

    /** Locks exactly this moment if it is still there and free; for recording a refused request after a rollback. */
    public Optional<DueMoment> claim(DueMoment moment) {
        return db.selectFrom(TIMING_SCHEDULE).where(key(moment.personId(), moment.trigger(), moment.ref()))
                .forUpdate().skipLocked()
                .fetchOptional(r -> new DueMoment(moment.personId(), moment.trigger(), r.getRef(),
                        instant(r.getDueAt())));
    }

    /**
     * One person's moments are decided one at a time across every node (a transaction-scoped
     * advisory lock), so the daily cap and the gap see the decision taken just before.
     */
    public void lockPerson(PersonId person) {
        db.execute("SELECT pg_advisory_xact_lock(?)",
                person.value().getMostSignificantBits() ^ person.value().getLeastSignificantBits());
    }

    /** How many moments are due at {@code now}: the total a poll's progress is measured against. */
    public int countDue(Instant now, PersonId onlyFor) {
        Condition due = TIMING_SCHEDULE.DUE_AT.le(utc(now));
        if (onlyFor != null) {
            due = due.and(TIMING_SCHEDULE.PERSON_ID.eq(onlyFor.value()));
        }
        return db.fetchCount(TIMING_SCHEDULE, due);
    }

    public TimingPreferencesView preferences(PersonId person) {
        return TimingRows.effective(db.selectFrom(TIMING_PREFERENCES)
                .where(TIMING_PREFERENCES.PERSON_ID.eq(person.value())).fetchOne());
    }

    public boolean tipsConsent(PersonId person) {
        Boolean consent = db.select(TIMING_PREFERENCES.TIPS_CONSENT).from(TIMING_PREFERENCES)
                .where(TIMING_PREFERENCES.PERSON_ID.eq(person.value())).fetchOne(TIMING_PREFERENCES.TIPS_CONSENT);
        return Boolean.TRUE.equals(consent);
    }

    /** Timed tips issued to the person at or after {@code from}. */
    public int issuedSince(PersonId person, Instant from) {
        return db.fetchCount(TIMING_DECISION, TIMING_DECISION.PERSON_ID.eq(person.value())
                .and(TIMING_DECISION.OUTCOME.eq(ISSUE))
                .and(TIMING_DECISION.DECIDED_AT.ge(utc(from))));
    }

    /** The person's last timed tip, or null. */
    public Instant lastIssuedAt(PersonId person) {
        OffsetDateTime last = db.select(DSL.max(TIMING_DECISION.DECIDED_AT)).from(TIMING_DECISION)
                .where(TIMING_DECISION.PERSON_ID.eq(person.value()).and(TIMING_DECISION.OUTCOME.eq(ISSUE)))
                .fetchOne(0, OffsetDateTime.class);
        return instant(last);
    }

    /** Logs one decision in {@code timing_decision}. */
    public void record(DueMoment moment, String personKey, Instant decidedAt, String outcome, String reason,
                       Instant retryAt, UUID tipId) {
        db.insertInto(TIMING_DECISION)
                .set(TIMING_DECISION.DECISION_ID, UUID.randomUUID())
                .set(TIMING_DECISION.PERSON_ID, moment.personId().value())
                .set(TIMING_DECISION.PERSON_KEY, personKey)
                .set(TIMING_DECISION.TRIGGER_NAME, moment.trigger().wireName())
                .set(TIMING_DECISION.REF, moment.ref())
                .set(TIMING_DECISION.MOMENT_AT, utc(moment.dueAt()))
                .set(TIMING_DECISION.DECIDED_AT, utc(decidedAt))
                .set(TIMING_DECISION.OUTCOME, outcome)
                .set(TIMING_DECISION.REASON, reason)
                .set(TIMING_DECISION.RETRY_AT, utc(retryAt))
                .set(TIMING_DECISION.TIP_ID, tipId)
                .execute();
    }

    public void moveTo(DueMoment moment, Instant dueAt, Instant now) {
        db.update(TIMING_SCHEDULE)
                .set(TIMING_SCHEDULE.DUE_AT, utc(dueAt))
                .set(TIMING_SCHEDULE.SCHEDULED_AT, utc(now))
                .where(key(moment.personId(), moment.trigger(), moment.ref()))
                .execute();
    }

    public void remove(DueMoment moment) {
        disarm(moment.personId(), moment.trigger(), moment.ref());
    }

    private static Condition key(PersonId person, TimingTrigger trigger, String ref) {
        return TIMING_SCHEDULE.PERSON_ID.eq(person.value())
                .and(TIMING_SCHEDULE.TRIGGER_NAME.eq(trigger.wireName()))
                .and(TIMING_SCHEDULE.REF.eq(ref));
    }
}

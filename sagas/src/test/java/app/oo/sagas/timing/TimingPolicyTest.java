package app.oo.sagas.timing;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimingPolicyTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final PersonId PERSON = PersonId.of("00000000-0000-0000-0000-0000000000c1");

    final TimingPolicy policy = new TimingPolicy(Duration.ofHours(1));

    static TimingPreferences prefs(LocalTime quietStart, LocalTime quietEnd, int cap, Duration gap,
                                   Set<TimingTrigger> triggers) {
        return new TimingPreferences("Europe/Amsterdam", quietStart, quietEnd, cap, LocalTime.of(8, 0), triggers, gap);
    }

    static TimingPreferences wrapping() {
        return prefs(LocalTime.of(22, 0), LocalTime.of(7, 0), 3, Duration.ofHours(2), EnumSet.allOf(TimingTrigger.class));
    }

    static Instant local(String date, String time) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), AMSTERDAM).toInstant();
    }

    static PersonFeatures noTipYet(Instant now) {
        return new PersonFeatures(PERSON, Map.of("hoursSinceLastTip", 24.0 * 28), now);
    }

    static PersonFeatures lastTipHoursAgo(double hours, Instant now) {
        return new PersonFeatures(PERSON, Map.of("hoursSinceLastTip", hours), now);
    }

    TimingDecision decide(TimingTrigger trigger, TimingPreferences prefs, Instant now) {
        return policy.decide(new Moment(trigger, "r", now), prefs, noTipYet(now), true, 0, null, now);
    }

    @Test
    void issuesAMorningMomentOutsideQuietHours() {
        Instant now = local("2026-11-25", "08:00");
        TimingDecision decision = decide(TimingTrigger.MORNING, wrapping(), now);
        assertThat(decision.issues()).isTrue();
        assertThat(decision.reason()).isEqualTo("morning");
    }

    @Test
    void eachTriggerIssuesUnderItsOwnName() {
        Instant now = local("2026-11-25", "14:00");
        for (TimingTrigger trigger : TimingTrigger.values()) {
            assertThat(decide(trigger, wrapping(), now)).isEqualTo(TimingDecision.issue(trigger.wireName()));
        }
    }

    @Test
    void quietHoursWrapMidnightOnBothSides() {
        TimingPreferences prefs = wrapping();
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-25", "23:30")).reason()).isEqualTo("quiet hours");
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-26", "00:10")).reason()).isEqualTo("quiet hours");
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-26", "06:59")).reason()).isEqualTo("quiet hours");
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-26", "07:00")).issues()).isTrue();
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-25", "21:59")).issues()).isTrue();
    }

    @Test
    void quietHoursWithinOneDayDoNotWrap() {
        TimingPreferences prefs = prefs(LocalTime.of(13, 0), LocalTime.of(14, 0), 3, Duration.ZERO,
                EnumSet.allOf(TimingTrigger.class));
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-25", "13:30")).reason()).isEqualTo("quiet hours");
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-25", "23:30")).issues()).isTrue();
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-25", "03:00")).issues()).isTrue();
    }

    @Test
    void equalQuietStartAndEndMeansNoQuietHours() {
        TimingPreferences prefs = prefs(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 3, Duration.ZERO,
                EnumSet.allOf(TimingTrigger.class));
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-25", "03:00")).issues()).isTrue();
    }

    @Test
    void anOverdueMomentInQuietHoursIsLookedAtAgainWhenTheyEnd() {
        TimingDecision decision = decide(TimingTrigger.TASK_OVERDUE, wrapping(), local("2026-11-26", "00:00"));
        assertThat(decision.reason()).isEqualTo("quiet hours");
        assertThat(decision.retryAt()).isEqualTo(local("2026-11-26", "07:00"));
        TimingDecision evening = decide(TimingTrigger.BUSY_BLOCK_END, wrapping(), local("2026-11-25", "22:30"));
        assertThat(evening.retryAt()).isEqualTo(local("2026-11-26", "07:00"));
    }

    @Test
    void aMorningMomentInQuietHoursIsNotRetried() {
        TimingDecision decision = decide(TimingTrigger.MORNING, wrapping(), local("2026-11-26", "06:00"));
        assertThat(decision.retryAt()).isNull();
        assertThat(decision).hasToString("not now: quiet hours");
    }

    @Test
    void quietHoursFollowTheZoneAcrossTheSpringDstChange() {
        // 29 March 2026: Amsterdam jumps from 02:00 CET to 03:00 CEST; quiet hours 01:00-06:00 local.
        TimingPreferences prefs = prefs(LocalTime.of(1, 0), LocalTime.of(6, 0), 3, Duration.ZERO,
                EnumSet.allOf(TimingTrigger.class));
        assertThat(decide(TimingTrigger.MORNING, prefs, Instant.parse("2026-03-29T03:59:00Z")).reason())
                .as("05:59 CEST").isEqualTo("quiet hours");
        assertThat(decide(TimingTrigger.MORNING, prefs, Instant.parse("2026-03-29T04:00:00Z")).issues())
                .as("06:00 CEST, one hour earlier in UTC than the day before").isTrue();
        assertThat(decide(TimingTrigger.MORNING, prefs, Instant.parse("2026-03-28T04:30:00Z")).reason())
                .as("05:30 CET the day before").isEqualTo("quiet hours");
    }

    @Test
    void theMorningMomentKeepsItsLocalTimeAcrossTheAutumnDstChange() {
        TimingPreferences prefs = wrapping();
        Instant saturdayMorning = Instant.parse("2026-10-24T06:00:00Z");
        assertThat(prefs.nextMorningAfter(saturdayMorning)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        assertThat(prefs.nextMorningAfter(Instant.parse("2026-10-25T07:00:00Z")))
                .isEqualTo(Instant.parse("2026-10-26T07:00:00Z"));
    }

    @Test
    void aMorningTimeInTheSpringGapMovesForwardByTheGap() {
        TimingPreferences prefs = new TimingPreferences("Europe/Amsterdam", LocalTime.of(23, 0), LocalTime.of(1, 0), 3,
                LocalTime.of(2, 30), EnumSet.allOf(TimingTrigger.class), Duration.ZERO);
        assertThat(prefs.nextMorningAfter(Instant.parse("2026-03-28T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void theDailyCapCountsTimedTipsOfTheLocalDay() {
        TimingPreferences prefs = prefs(LocalTime.of(22, 0), LocalTime.of(7, 0), 2, Duration.ZERO,
                EnumSet.allOf(TimingTrigger.class));
        Instant now = local("2026-11-25", "15:00");
        Moment moment = new Moment(TimingTrigger.BUSY_BLOCK_END, "b", now);
        assertThat(policy.decide(moment, prefs, noTipYet(now), true, 1, null, now).issues()).isTrue();
        assertThat(policy.decide(moment, prefs, noTipYet(now), true, 2, null, now).reason()).isEqualTo("daily cap reached");
        assertThat(prefs.startOfDay(now)).isEqualTo(local("2026-11-25", "00:00"));
    }

    @Test
    void aCapOfZeroMeansNoTimedTips() {
        TimingPreferences prefs = prefs(LocalTime.of(22, 0), LocalTime.of(7, 0), 0, Duration.ZERO,
                EnumSet.allOf(TimingTrigger.class));
        assertThat(decide(TimingTrigger.MORNING, prefs, local("2026-11-25", "08:00")).reason())
                .isEqualTo("daily cap reached");
    }

    @Test
    void theGapCountsTheLastTipFromTheFeatureViewOrTheLastTimedTip() {
        TimingPreferences prefs = wrapping();
        Instant now = local("2026-11-25", "15:00");
        Moment moment = new Moment(TimingTrigger.BUSY_BLOCK_END, "b", now);
        assertThat(policy.decide(moment, prefs, lastTipHoursAgo(1.5, now), true, 0, null, now).reason())
                .isEqualTo("too soon after the last tip");
        assertThat(policy.decide(moment, prefs, lastTipHoursAgo(2.0, now), true, 0, null, now).issues()).isTrue();
        assertThat(policy.decide(moment, prefs, noTipYet(now), true, 0, now.minusSeconds(600), now).reason())
                .as("a timed tip the feature view has not seen yet").isEqualTo("too soon after the last tip");
        assertThat(policy.decide(moment, prefs, null, true, 0, null, now).issues()).isTrue();
    }

    @Test
    void aDisabledTriggerIsNotNow() {
        TimingPreferences prefs = prefs(LocalTime.of(22, 0), LocalTime.of(7, 0), 3, Duration.ZERO,
                EnumSet.of(TimingTrigger.MORNING));
        Instant now = local("2026-11-25", "15:00");
        assertThat(decide(TimingTrigger.BUSY_BLOCK_END, prefs, now).reason()).isEqualTo("trigger disabled");
        assertThat(decide(TimingTrigger.TASK_OVERDUE, prefs, now).reason()).isEqualTo("trigger disabled");
        assertThat(decide(TimingTrigger.MORNING, prefs, now).issues()).isTrue();
    }

    @Test
    void withoutConsentToTipsNothingIsIssued() {
        Instant now = local("2026-11-25", "08:00");
        assertThat(policy.decide(new Moment(TimingTrigger.MORNING, "morning", now), wrapping(), noTipYet(now), false, 0,
                null, now).reason()).isEqualTo("no consent");
    }

    @Test
    void aMomentLongPastIsDroppedNotFiredLate() {
        Instant now = local("2026-11-25", "12:00");
        Moment old = new Moment(TimingTrigger.MORNING, "morning", local("2026-11-25", "08:00"));
        assertThat(policy.decide(old, wrapping(), noTipYet(now), true, 0, null, now).reason()).isEqualTo("moment passed");
        Moment recent = new Moment(TimingTrigger.MORNING, "morning", local("2026-11-25", "11:30"));
        assertThat(policy.decide(recent, wrapping(), noTipYet(now), true, 0, null, now).issues()).isTrue();
    }

    @Test
    void timedRequestsSayWhichTriggerAskedForThem() {
        assertThat(TimingPolicy.requestReason(TimingTrigger.TASK_OVERDUE)).isEqualTo("timed:task-overdue");
    }
}

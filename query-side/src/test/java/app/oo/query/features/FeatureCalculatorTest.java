package app.oo.query.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.oo.domain.tip.TipCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureCalculatorTest {

    /** Wednesday 2026-11-25, 10:00 UTC = 11:00 in Berlin. */
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static FeatureInputs inputs(Map<String, Long> counts, List<FeatureInputs.TaskState> tasks,
                                        List<FeatureInputs.BusyBlock> busy, List<FeatureInputs.TipOutcome> tips,
                                        Instant lastSignalAt, String timeZone, Instant lastReactionAt) {
        return new FeatureInputs(counts, 0, null, null, 0, null, new long[24], lastSignalAt, timeZone, tasks, busy,
                tips, lastReactionAt);
    }

    private static FeatureInputs empty() {
        return inputs(Map.of(), List.of(), List.of(), List.of(), null, null, null);
    }

    @Test
    void namesEveryFeatureOfTheMlServingContextWithZeroWhenNothingIsKnown() {
        Map<String, Double> f = FeatureCalculator.compute(empty(), NOW);

        assertThat(f).containsKeys("signalsTasks1d", "signalsTasks7d", "signalsTasks28d", "signalsCalendar7d",
                "signalsMood28d", "signalsHabits1d", "signalsContext7d", "tasksOverdue", "tasksDueToday",
                "taskCompletionRate7d", "habitStreakMax", "moodMean7d", "moodTrend7d", "busyHoursToday",
                "minutesToNextFreeSlot", "localHour", "weekday", "hoursSinceLastTip", "hoursSinceLastReaction",
                "activeHour.0", "activeHour.23");
        for (String category : TipCategory.ALL) {
            assertThat(f).containsKeys("rateDone." + category, "rateDismissed." + category, "rateLiked." + category);
        }
        assertThat(f.get("weekday")).as("0 = unknown").isZero();
        assertThat(f.get("hoursSinceLastTip")).isEqualTo(FeatureCalculator.HOURS_CAP);
        assertThat(f.values()).allMatch(Double::isFinite);
    }

    @Test
    void countsComeFromTheSignalWindows() {
        Map<String, Double> f = FeatureCalculator.compute(inputs(Map.of("tasks:1", 2L, "tasks:7", 5L,
                "mood:28", 9L), List.of(), List.of(), List.of(), null, null, null), NOW);

        assertThat(f).containsEntry("signalsTasks1d", 2.0).containsEntry("signalsTasks7d", 5.0)
                .containsEntry("signalsMood28d", 9.0).containsEntry("signalsCalendar1d", 0.0);
    }

    @Test
    void openTasksAreOverdueByDueDateOrProviderAndDueTodayInThePersonsZone() {
        LocalDate today = LocalDate.of(2026, 11, 25);
        List<FeatureInputs.TaskState> tasks = List.of(
                new FeatureInputs.TaskState("created", today.minusDays(2), NOW.minusSeconds(3600)),
                new FeatureInputs.TaskState("overdue", null, NOW.minusSeconds(3600)),
                new FeatureInputs.TaskState("created", today, NOW.minusSeconds(3600)),
                new FeatureInputs.TaskState("completed", today.minusDays(3), NOW.minusSeconds(3600)),
                new FeatureInputs.TaskState("created", today.plusDays(3), NOW.minusSeconds(3600 * 24 * 10)));

        Map<String, Double> f = FeatureCalculator.compute(inputs(Map.of(), tasks, List.of(), List.of(), null,
                "Europe/Berlin", null), NOW);

        assertThat(f.get("tasksOverdue")).isEqualTo(2.0);
        assertThat(f.get("tasksDueToday")).isEqualTo(1.0);
        assertThat(f.get("taskCompletionRate7d")).as("1 of the 4 tasks active this week is done").isEqualTo(0.25);
    }

    @Test
    void dueTodayFollowsTheLocalDateNotUtc() {
        Instant lateEvening = Instant.parse("2026-11-25T23:30:00Z");
        List<FeatureInputs.TaskState> tasks = List.of(
                new FeatureInputs.TaskState("created", LocalDate.of(2026, 11, 26), lateEvening.minusSeconds(60)));

        assertThat(FeatureCalculator.compute(inputs(Map.of(), tasks, List.of(), List.of(), null, "Europe/Berlin",
                null), lateEvening).get("tasksDueToday")).as("already the 26th in Berlin").isEqualTo(1.0);
        assertThat(FeatureCalculator.compute(inputs(Map.of(), tasks, List.of(), List.of(), null, null,
                null), lateEvening).get("tasksDueToday")).as("still the 25th in UTC").isZero();
    }

    @Test
    void busyHoursCountOverlapsOnceAndOnlyWithinTheLocalDay() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<FeatureInputs.BusyBlock> blocks = List.of(
                block("2026-11-25T08:00:00Z", "2026-11-25T10:00:00Z"),
                block("2026-11-25T09:00:00Z", "2026-11-25T11:00:00Z"),
                block("2026-11-24T22:00:00Z", "2026-11-24T23:30:00Z"),
                block("2026-11-26T08:00:00Z", "2026-11-26T09:00:00Z"));

        assertThat(FeatureCalculator.busyHoursOn(blocks, LocalDate.of(2026, 11, 25), berlin))
                .as("3 h of overlapping meetings, and the half hour after Berlin's midnight").isEqualTo(3.5);
    }

    @Test
    void nextFreeSlotIsTheEndOfTheRunOfBlocksAroundNow() {
        List<FeatureInputs.BusyBlock> blocks = List.of(
                block("2026-11-25T09:30:00Z", "2026-11-25T10:15:00Z"),
                block("2026-11-25T10:15:00Z", "2026-11-25T11:00:00Z"),
                block("2026-11-25T12:00:00Z", "2026-11-25T13:00:00Z"));

        assertThat(FeatureCalculator.minutesToNextFreeSlot(blocks, NOW)).isEqualTo(60.0);
        assertThat(FeatureCalculator.minutesToNextFreeSlot(blocks, Instant.parse("2026-11-25T11:30:00Z"))).isZero();
        assertThat(FeatureCalculator.minutesToNextFreeSlot(List.of(), NOW)).isZero();
    }

    @Test
    void localHourAndWeekdayAreThoseOfTheLastSignalInTheLatestTimeZone() {
        Instant sundayNight = Instant.parse("2026-11-29T23:30:00Z");

        Map<String, Double> berlin = FeatureCalculator.compute(inputs(Map.of(), List.of(), List.of(), List.of(),
                sundayNight, "Europe/Berlin", null), NOW.plusSeconds(6 * 24 * 3600));
        Map<String, Double> unknownZone = FeatureCalculator.compute(inputs(Map.of(), List.of(), List.of(), List.of(),
                sundayNight, "Not/AZone", null), NOW.plusSeconds(6 * 24 * 3600));

        assertThat(berlin).containsEntry("localHour", 0.0).containsEntry("weekday", 1.0);
        assertThat(unknownZone).as("falls back to UTC").containsEntry("localHour", 23.0).containsEntry("weekday", 7.0);
    }

    @Test
    void hourNowAndWeekdayNowAreTheDecisionMomentInTheLatestTimeZoneWhateverTheLastSignal() {
        Instant longAgo = Instant.parse("2026-11-20T08:00:00Z");
        Instant mondayEvening = Instant.parse("2026-11-30T21:15:00Z");

        Map<String, Double> tokyo = FeatureCalculator.compute(inputs(Map.of(), List.of(), List.of(), List.of(),
                longAgo, "Asia/Tokyo", null), mondayEvening);

        assertThat(tokyo).as("06:15 on Tuesday in Tokyo").containsEntry("hourNow", 6.0).containsEntry("weekdayNow", 2.0);
        assertThat(tokyo).as("the last signal's hour stays its own").containsEntry("localHour", 17.0);
    }

    @Test
    void moodTrendIsTheSlopeInPointsPerWeekOnceThereAreTwoCheckins() {
        FeatureInputs rising = new FeatureInputs(Map.of(), 0, 3.0, 1.0 / (7 * 24 * 3600), 4, 12.0, new long[24],
                null, null, List.of(), List.of(), List.of(), null);
        FeatureInputs single = new FeatureInputs(Map.of(), 0, 3.0, null, 1, null, new long[24], null, null,
                List.of(), List.of(), List.of(), null);

        assertThat(FeatureCalculator.compute(rising, NOW).get("moodTrend7d")).isCloseTo(1.0, within(1e-9));
        assertThat(FeatureCalculator.compute(rising, NOW)).containsEntry("moodMean7d", 3.0)
                .containsEntry("habitStreakMax", 12.0);
        assertThat(FeatureCalculator.compute(single, NOW).get("moodTrend7d")).isZero();
    }

    @Test
    void activeHoursAreSharesOfTheWindowsSignals() {
        long[] hours = new long[24];
        hours[8] = 3;
        hours[20] = 1;
        FeatureInputs in = new FeatureInputs(Map.of(), 0, null, null, 0, null, hours, null, null, List.of(),
                List.of(), List.of(), null);

        Map<String, Double> f = FeatureCalculator.compute(in, NOW);

        assertThat(f).containsEntry("activeHour.8", 0.75).containsEntry("activeHour.20", 0.25)
                .containsEntry("activeHour.9", 0.0);
    }

    @Test
    void ratesPerCategoryAndTimesSinceTheLastTipAndReaction() {
        List<FeatureInputs.TipOutcome> tips = List.of(
                new FeatureInputs.TipOutcome("focus", NOW.minusSeconds(7200), List.of("snoozed", "done")),
                new FeatureInputs.TipOutcome("focus", NOW.minusSeconds(3 * 3600), List.of("dismissed")),
                new FeatureInputs.TipOutcome("focus", NOW.minusSeconds(4 * 3600), List.of()),
                new FeatureInputs.TipOutcome("break", NOW.minusSeconds(5 * 3600), List.of("liked")));

        Map<String, Double> f = FeatureCalculator.compute(inputs(Map.of(), List.of(), List.of(), tips, null, null,
                NOW.minusSeconds(1800)), NOW);

        assertThat(f.get("rateDone.focus")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(f.get("rateDismissed.focus")).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(f.get("rateLiked.focus")).isZero();
        assertThat(f.get("rateLiked.break")).isEqualTo(1.0);
        assertThat(f.get("rateDone.habit")).isZero();
        assertThat(f.get("hoursSinceLastTip")).isEqualTo(2.0);
        assertThat(f.get("hoursSinceLastReaction")).isEqualTo(0.5);
    }

    private static FeatureInputs.BusyBlock block(String start, String end) {
        return new FeatureInputs.BusyBlock(Instant.parse(start), Instant.parse(end));
    }
}

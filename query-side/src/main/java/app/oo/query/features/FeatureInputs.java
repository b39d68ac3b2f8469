package app.oo.query.features;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the feature view is computed from, read for one person as of one instant: aggregates of
 * the person's signals over 28 days, the latest state of each task, the busy blocks around now,
 * and the tips with their reactions. Derivatives only.
 */
record FeatureInputs(Map<String, Long> counts, long tasksCompleted7d, Double moodMean7d, Double moodSlopePerSecond,
                     long moodCheckins7d, Double habitStreakMax7d, long[] activeHours, Instant lastSignalAt,
                     String timeZone, List<TaskState> tasks, List<BusyBlock> busy, List<TipOutcome> tips,
                     Instant lastReactionAt) {

    /** Signal counts are keyed {@code <source>:<days>}, e.g. {@code tasks:7}. */
    static String countKey(String source, int days) {
        return source + ":" + days;
    }

    /** A task's latest signal: {@code created}, {@code completed} or {@code overdue}, with its due date. */
    record TaskState(String latestType, LocalDate due, Instant latestAt) {
    }

    /** A busy block from the calendar. */
    record BusyBlock(Instant start, Instant end) {
    }

    /** A tip's category and the reactions it got (empty while none). */
    record TipOutcome(String category, Instant issuedAt, List<String> reactions) {
    }
}

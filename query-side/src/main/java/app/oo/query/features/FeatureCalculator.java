package app.oo.query.features;

import app.oo.domain.signal.SignalSource;
import app.oo.domain.tip.TipCategory;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature view from its inputs, as of an instant: pure, so every number is unit-tested.
 * Names follow docs/api/ml-serving.yaml (Context); a missing fact gives 0, as the contract says.
 */
final class FeatureCalculator {

    static final int[] WINDOWS_DAYS = {1, 7, 28};
    /** Hours-since features stop growing here: after four weeks, "long ago" is all a policy needs. */
    static final double HOURS_CAP = 24.0 * 28;
    private static final double SECONDS_PER_WEEK = 7 * 24 * 3600.0;

    private FeatureCalculator() {
    }

    static Map<String, Double> compute(FeatureInputs in, Instant now) {
        Map<String, Double> f = new LinkedHashMap<>();
        ZoneId zone = zoneOf(in.timeZone());
        for (SignalSource source : SignalSource.values()) {
            for (int days : WINDOWS_DAYS) {
                f.put("signals" + capitalised(source.wireName()) + days + "d",
                        (double) in.counts().getOrDefault(FeatureInputs.countKey(source.wireName(), days), 0L));
            }
        }
        putTasks(f, in.tasks(), now, LocalDate.ofInstant(now, zone));
        f.put("tasksCompleted7d", (double) in.tasksCompleted7d());
        f.put("habitStreakMax", orZero(in.habitStreakMax7d()));
        f.put("moodMean7d", orZero(in.moodMean7d()));
        f.put("moodTrend7d", in.moodCheckins7d() < 2 || in.moodSlopePerSecond() == null ? 0.0
                : in.moodSlopePerSecond() * SECONDS_PER_WEEK);
        f.put("busyHoursToday", busyHoursOn(in.busy(), LocalDate.ofInstant(now, zone), zone));
        f.put("minutesToNextFreeSlot", minutesToNextFreeSlot(in.busy(), now));
        putActiveHours(f, in.activeHours());
        if (in.lastSignalAt() == null) {
            f.put("localHour", 0.0);
            f.put("weekday", 0.0);
        } else {
            ZonedDateTime last = in.lastSignalAt().atZone(zone);
            f.put("localHour", (double) last.getHour());
            f.put("weekday", (double) last.getDayOfWeek().getValue());
        }
        ZonedDateTime current = now.atZone(zone);
        f.put("hourNow", (double) current.getHour());
        f.put("weekdayNow", (double) current.getDayOfWeek().getValue());
        f.put("hoursSinceLastSignal", hoursSince(in.lastSignalAt(), now));
        f.put("hoursSinceLastTip", hoursSince(in.tips().stream().map(FeatureInputs.TipOutcome::issuedAt)
                .max(Comparator.naturalOrder()).orElse(null), now));
        f.put("hoursSinceLastReaction", hoursSince(in.lastReactionAt(), now));
        putRates(f, in.tips());
        return f;
    }

    /** The time zone of the latest context signal; UTC when there is none or it is not a zone. */
    static ZoneId zoneOf(String timeZone) {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * Open tasks (latest signal not {@code completed}) are overdue when the provider said so or
     * their due date is before today, due today when due today; the completion rate is the share
     * of tasks active in the last 7 days whose latest signal is a completion.
     */
    private static void putTasks(Map<String, Double> f, List<FeatureInputs.TaskState> tasks, Instant now,
                                 LocalDate today) {
        int overdue = 0;
        int dueToday = 0;
        int active7d = 0;
        int completed7d = 0;
        Instant weekAgo = now.minus(Duration.ofDays(7));
        for (FeatureInputs.TaskState task : tasks) {
            boolean open = !"completed".equals(task.latestType());
            boolean isOverdue = open && ("overdue".equals(task.latestType())
                    || task.due() != null && task.due().isBefore(today));
            if (isOverdue) {
                overdue++;
            } else if (open && today.equals(task.due())) {
                dueToday++;
            }
            if (task.latestAt().isAfter(weekAgo)) {
                active7d++;
                if (!open) {
                    completed7d++;
                }
            }
        }
        f.put("tasksOverdue", (double) overdue);
        f.put("tasksDueToday", (double) dueToday);
        f.put("taskCompletionRate7d", active7d == 0 ? 0.0 : (double) completed7d / active7d);
    }

    /** Hours of the local day covered by at least one busy block (overlaps count once). */
    static double busyHoursOn(List<FeatureInputs.BusyBlock> blocks, LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        long seconds = 0;
        for (FeatureInputs.BusyBlock block : merged(blocks)) {
            Instant start = block.start().isAfter(from) ? block.start() : from;
            Instant end = block.end().isBefore(to) ? block.end() : to;
            if (end.isAfter(start)) {
                seconds += Duration.between(start, end).toSeconds();
            }
        }
        return seconds / 3600.0;
    }

    /** 0 when free now; else the minutes until the run of overlapping or adjacent blocks around now ends. */
    static double minutesToNextFreeSlot(List<FeatureInputs.BusyBlock> blocks, Instant now) {
        for (FeatureInputs.BusyBlock block : merged(blocks)) {
            if (!block.start().isAfter(now) && block.end().isAfter(now)) {
                return Duration.between(now, block.end()).toSeconds() / 60.0;
            }
        }
        return 0.0;
    }

    /** Blocks sorted by start, overlapping or touching ones joined. */
    static List<FeatureInputs.BusyBlock> merged(List<FeatureInputs.BusyBlock> blocks) {
        List<FeatureInputs.BusyBlock> sorted = new ArrayList<>(blocks);
        sorted.sort(Comparator.comparing(FeatureInputs.BusyBlock::start));
        List<FeatureInputs.BusyBlock> merged = new ArrayList<>();
        for (FeatureInputs.BusyBlock block : sorted) {
            if (!merged.isEmpty() && !block.start().isAfter(merged.get(merged.size() - 1).end())) {
                FeatureInputs.BusyBlock last = merged.remove(merged.size() - 1);
                merged.add(new FeatureInputs.BusyBlock(last.start(),
                        block.end().isAfter(last.end()) ? block.end() : last.end()));
            } else {
                merged.add(block);
            }
        }
        return merged;
    }

    /** Share of the last 28 days' signals per local hour; all zero without signals. */
    private static void putActiveHours(Map<String, Double> f, long[] hours) {
        long total = 0;
        for (long count : hours) {
            total += count;
        }
        for (int h = 0; h < 24; h++) {
            f.put("activeHour." + h, total == 0 ? 0.0 : (double) hours[h] / total);
        }
    }

    /** Per category: the share of its tips that were done, dismissed, liked (a snooze is none of them). */
    private static void putRates(Map<String, Double> f, List<FeatureInputs.TipOutcome> tips) {
        Map<String, int[]> perCategory = new HashMap<>();
        for (FeatureInputs.TipOutcome tip : tips) {
            int[] c = perCategory.computeIfAbsent(tip.category(), k -> new int[4]);
            c[0]++;
            if (tip.reactions().contains("done")) {
                c[1]++;
            }
            if (tip.reactions().contains("dismissed")) {
                c[2]++;
            }
            if (tip.reactions().contains("liked")) {
                c[3]++;
            }
        }
        for (String category : TipCategory.ALL) {
            int[] c = perCategory.getOrDefault(category, new int[4]);
            f.put("rateDone." + category, c[0] == 0 ? 0.0 : (double) c[1] / c[0]);
            f.put("rateDismissed." + category, c[0] == 0 ? 0.0 : (double) c[2] / c[0]);
            f.put("rateLiked." + category, c[0] == 0 ? 0.0 : (double) c[3] / c[0]);
        }
    }

    private static double hoursSince(Instant then, Instant now) {
        if (then == null) {
            return HOURS_CAP;
        }
        double hours = Duration.between(then, now).toSeconds() / 3600.0;
        return Math.max(0.0, Math.min(HOURS_CAP, hours));
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }

    static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}

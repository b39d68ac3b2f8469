package app.oo.domain.timing;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a person wants timed tips: their time zone, quiet hours (local, may wrap midnight; equal
 * start and end means none), how many timed tips a local day may bring, their morning time, which
 * triggers are on, and the least time between two tips.
 *
 * @param timeZone   IANA zone id, e.g. {@code Europe/Amsterdam}
 * @param quietStart local start of the quiet hours (inclusive)
 * @param quietEnd   local end of the quiet hours (exclusive)
 * @param dailyCap   timed tips per local day, 0 to {@value #MAX_DAILY_CAP}
 * @param morningAt  local time of the morning trigger
 * @param triggers   the triggers that are on
 * @param minGap     least time since the last tip, 0 to 24 hours
 */
public record TimingPreferences(String timeZone, LocalTime quietStart, LocalTime quietEnd, int dailyCap,
                                LocalTime morningAt, Set<TimingTrigger> triggers, Duration minGap) {

    public static final int MAX_DAILY_CAP = 24;
    public static final Duration MAX_GAP = Duration.ofHours(24);

    public TimingPreferences {
        required("timeZone", timeZone);
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidTimingPreferencesException("timeZone", "unknown IANA time zone '" + timeZone + "'");
        }
        required("quietStart", quietStart);
        required("quietEnd", quietEnd);
        if (dailyCap < 0 || dailyCap > MAX_DAILY_CAP) {
            throw new InvalidTimingPreferencesException("dailyCap",
                    "must be between 0 and " + MAX_DAILY_CAP + " but was " + dailyCap);
        }
        required("morningAt", morningAt);
        required("triggers", triggers);
        triggers = triggers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(triggers));
        required("minGap", minGap);
        if (minGap.isNegative() || minGap.compareTo(MAX_GAP) > 0) {
            throw new InvalidTimingPreferencesException("minGapMinutes",
                    "must be between 0 and " + MAX_GAP.toMinutes() + " minutes but was " + minGap.toMinutes());
        }
    }

    /** What a person who set nothing gets: quiet 22:00–07:00, morning at 08:00, every trigger, 3 a day, 2 h apart. */
    public static TimingPreferences defaults(String timeZone) {
        return new TimingPreferences(timeZone, LocalTime.of(22, 0), LocalTime.of(7, 0), 3, LocalTime.of(8, 0),
                EnumSet.allOf(TimingTrigger.class), Duration.ofHours(2));
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean isOn(TimingTrigger trigger) {
        return triggers.contains(trigger);
    }

    /** Whether the instant falls in the quiet hours of its local day (or the previous day's, when they wrap). */
    public boolean isQuiet(Instant at) {
        if (quietStart.equals(quietEnd)) {
            return false;
        }
        LocalTime local = at.atZone(zone()).toLocalTime();
        if (quietStart.isBefore(quietEnd)) {
            return !local.isBefore(quietStart) && local.isBefore(quietEnd);
        }
        return !local.isBefore(quietStart) || local.isBefore(quietEnd);
    }

    /** The first instant at or after {@code at} outside the quiet hours; {@code at} itself when it is not quiet. */
    public Instant quietEndAfter(Instant at) {
        if (!isQuiet(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone());
        LocalDate day = local.toLocalTime().isBefore(quietEnd) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return day.atTime(quietEnd).atZone(zone()).toInstant();
    }

    /**
     * The next morning moment strictly after {@code after}. On a DST day a morning time that does
     * not exist (in the spring gap) moves forward by the gap, as {@link ZonedDateTime} resolves it.
     */
    public Instant nextMorningAfter(Instant after) {
        LocalDate day = after.atZone(zone()).toLocalDate();
        Instant candidate = day.atTime(morningAt).atZone(zone()).toInstant();
        return candidate.isAfter(after) ? candidate : day.plusDays(1).atTime(morningAt).atZone(zone()).toInstant();
    }

    /** Midnight starting the local day of {@code at}: the day the daily cap counts in. */
    public Instant startOfDay(Instant at) {
        return at.atZone(zone()).toLocalDate().atStartOfDay(zone()).toInstant();
    }

    /** When a task due on {@code due} turns overdue: the start of the next local day. */
    public Instant overdueAt(LocalDate due) {
        return due.plusDays(1).atStartOfDay(zone()).toInstant();
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new InvalidTimingPreferencesException(field, "is required");
        }
    }
}

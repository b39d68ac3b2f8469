package app.oo.domain.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** A busy block in the person's calendar: when it starts and ends, and what kind of block it is. */
public record CalendarPayload(Instant start, Instant end, String category) implements SignalPayload {

    public static final Set<String> CATEGORIES = Set.of("meeting", "focus", "personal", "travel", "other");
    private static final Duration LONGEST_BLOCK = Duration.ofHours(24);

    public CalendarPayload {
        Checks.required("payload.start", start);
        Checks.required("payload.end", end);
        if (!end.isAfter(start)) {
            throw new InvalidSignalException("payload.end", "must be after payload.start (" + start + ") but was " + end);
        }
        if (Duration.between(start, end).compareTo(LONGEST_BLOCK) > 0) {
            throw new InvalidSignalException("payload.end", "a busy block lasts at most 24 hours");
        }
        Checks.oneOf("payload.category", category, CATEGORIES);
    }

    @Override
    public SignalSource source() {
        return SignalSource.CALENDAR;
    }
}

package app.oo.query.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How an event's instant is written into a view: in UTC and cut to PostgreSQL's microseconds, so a
 * row is the same whichever way it was bound (live processor, rebuild) and a guard such as
 * {@code changed_at <= at} compares what is stored with what is bound.
 */
public final class ViewTime {

    private ViewTime() {
    }

    /** @return the instant as a view stores it, or null for null */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}

package app.oo.query.timing;

import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingPreferencesView;
import app.oo.domain.timing.TimingTrigger;
import app.oo.query.jooq.tables.records.TimingPreferencesRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Between the timing tables' columns and the domain's records. */
final class TimingRows {

    static final String UTC = "UTC";

    private TimingRows() {
    }

    /** The preferences in effect: the person's own, else the defaults in their context zone (or UTC). */
    static TimingPreferencesView effective(TimingPreferencesRecord row) {
        if (row == null) {
            return new TimingPreferencesView(TimingPreferences.defaults(UTC), false, null);
        }
        if (row.getTimeZone() == null) {
            return new TimingPreferencesView(TimingPreferences.defaults(
                    row.getContextZone() == null ? UTC : row.getContextZone()), false, null);
        }
        return new TimingPreferencesView(new TimingPreferences(row.getTimeZone(), row.getQuietStart(),
                row.getQuietEnd(), row.getDailyCap(), row.getMorningAt(), triggers(row.getTriggers()),
                Duration.ofMinutes(row.getMinGapMinutes())), true, instant(row.getSetAt()));
    }

    static String triggers(Set<TimingTrigger> triggers) {
        return triggers.stream().sorted().map(TimingTrigger::wireName).collect(Collectors.joining(","));
    }

    static Set<TimingTrigger> triggers(String column) {
        Set<TimingTrigger> set = EnumSet.noneOf(TimingTrigger.class);
        if (column != null && !column.isBlank()) {
            Arrays.stream(column.split(",")).map(TimingTrigger::fromWireName).forEach(set::add);
        }
        return set;
    }

    static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}

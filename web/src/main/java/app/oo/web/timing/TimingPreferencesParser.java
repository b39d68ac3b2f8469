package app.oo.web.timing;

import app.oo.domain.timing.InvalidTimingPreferencesException;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingTrigger;
import app.oo.web.problem.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the body of {@code PUT /api/me/timing}; every refusal names the field at fault. */
final class TimingPreferencesParser {

    static final List<String> FIELDS = List.of("timeZone", "quietStart", "quietEnd", "dailyCap", "morningAt",
            "triggers", "minGapMinutes");
    private static final Pattern LOCAL_TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    private TimingPreferencesParser() {
    }

    static TimingPreferences parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object with " + FIELDS);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException(name, "unknown field; expected only " + FIELDS);
            }
        }
        try {
            return new TimingPreferences(zone(body.get("timeZone")), time("quietStart", body.get("quietStart")),
                    time("quietEnd", body.get("quietEnd")),
                    integer("dailyCap", body.get("dailyCap"), 0, TimingPreferences.MAX_DAILY_CAP),
                    time("morningAt", body.get("morningAt")), triggers(body.get("triggers")),
                    Duration.ofMinutes(integer("minGapMinutes", body.get("minGapMinutes"), 0,
                            (int) TimingPreferences.MAX_GAP.toMinutes())));
        } catch (InvalidTimingPreferencesException e) {
            throw new InvalidRequestException(e.field(), e.reason());
        }
    }

    private static String zone(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new InvalidRequestException("timeZone", "is required: an IANA time zone such as Europe/Amsterdam");
        }
        String zone = node.asText();
        if (zone.length() > 64 || !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw new InvalidRequestException("timeZone", "is not an IANA time zone such as Europe/Amsterdam");
        }
        return zone;
    }

    private static LocalTime time(String field, JsonNode node) {
        if (node == null || !node.isTextual() || !LOCAL_TIME.matcher(node.asText()).matches()) {
            throw new InvalidRequestException(field, "is required: a local time HH:mm, 00:00 to 23:59");
        }
        try {
            return LocalTime.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "is required: a local time HH:mm, 00:00 to 23:59");
        }
    }

    private static int integer(String field, JsonNode node, int min, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()
                || node.intValue() < min || node.intValue() > max) {
            throw new InvalidRequestException(field, "is required: a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }

    private static Set<TimingTrigger> triggers(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new InvalidRequestException("triggers", "is required: a list of " + TimingTrigger.wireNames());
        }
        Set<TimingTrigger> triggers = EnumSet.noneOf(TimingTrigger.class);
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String name = item.isTextual() ? item.asText() : null;
            TimingTrigger trigger = name == null ? null : TimingTrigger.find(name).orElse(null);
            if (trigger == null) {
                throw new InvalidRequestException("triggers[" + i + "]", "must be one of " + TimingTrigger.wireNames());
            }
            triggers.add(trigger);
        }
        return triggers;
    }
}

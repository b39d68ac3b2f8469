package app.oo.domain.signal;

import java.util.Set;
import java.util.TreeSet;

/** Field checks shared by the payload records; each failure names the field. */
final class Checks {

    private Checks() {
    }

    static void required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new InvalidSignalException(field, "is required");
        }
    }

    static void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidSignalException(field, "is at most " + max + " characters, was " + value.length());
        }
    }

    static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSignalException(field, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    static void oneOf(String field, String value, Set<String> allowed) {
        required(field, value);
        if (!allowed.contains(value)) {
            throw new InvalidSignalException(field, "must be one of " + new TreeSet<>(allowed) + ", was '" + value + "'");
        }
    }
}

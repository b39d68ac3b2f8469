package app.oo.domain.signal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Where a signal comes from, and which signal types each source knows. */
public enum SignalSource {
    TASKS("tasks", Set.of("created", "completed", "overdue")),
    CALENDAR("calendar", Set.of("busy")),
    MOOD("mood", Set.of("checkin")),
    HABITS("habits", Set.of("checkin")),
    CONTEXT("context", Set.of("update"));

    private final String wireName;
    private final Set<String> types;

    SignalSource(String wireName, Set<String> types) {
        this.wireName = wireName;
        this.types = types;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Set<String> types() {
        return types;
    }

    public boolean knowsType(String type) {
        return types.contains(type);
    }

    /** @throws InvalidSignalException naming {@code source} when the name is unknown */
    @JsonCreator
    public static SignalSource fromWireName(String name) {
        return Arrays.stream(values())
                .filter(s -> s.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidSignalException("source",
                        "unknown source '" + name + "'; expected one of " + wireNames()));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(SignalSource::wireName).toList();
    }
}

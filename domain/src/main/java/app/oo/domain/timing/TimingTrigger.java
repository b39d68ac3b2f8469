package app.oo.domain.timing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The moments at which oO may offer a tip without being asked. */
public enum TimingTrigger {
    /** The person's morning time, in their time zone. */
    MORNING("morning"),
    /** A busy calendar block just ended. */
    BUSY_BLOCK_END("busy-block-end"),
    /** A task's due date passed while it was still open. */
    TASK_OVERDUE("task-overdue");

    private final String wireName;

    TimingTrigger(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<TimingTrigger> find(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    @JsonCreator
    public static TimingTrigger fromWireName(String wireName) {
        return find(wireName).orElseThrow(() -> new IllegalArgumentException(
                "unknown trigger '" + wireName + "'; expected one of " + wireNames()));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(TimingTrigger::wireName).toList();
    }
}

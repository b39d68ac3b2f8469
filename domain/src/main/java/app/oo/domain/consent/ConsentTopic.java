package app.oo.domain.consent;

import app.oo.domain.signal.SignalSource;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a person can consent to: each signal source, and each purpose their data serves. */
public enum ConsentTopic {
    TASKS("tasks", "source", "Task counts, due dates and completions (never task texts)"),
    CALENDAR("calendar", "source", "Busy blocks: start, end and kind"),
    MOOD("mood", "source", "Mood check-ins and their notes"),
    HABITS("habits", "source", "Habit check-ins and streaks"),
    CONTEXT("context", "source", "Time zone, place class and device kind"),
    TIPS("tips", "purpose", "Using your signals to choose your tips"),
    OFFLINE_ANALYSIS("offline-analysis", "purpose", "Pseudonymous use of decisions to evaluate new policies");

    private final String wireName;
    private final String kind;
    private final String meaning;

    ConsentTopic(String wireName, String kind, String meaning) {
        this.wireName = wireName;
        this.kind = kind;
        this.meaning = meaning;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** {@code source} or {@code purpose}. */
    public String kind() {
        return kind;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<ConsentTopic> find(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    @JsonCreator
    public static ConsentTopic fromWireName(String wireName) {
        return find(wireName).orElseThrow(() -> new IllegalArgumentException(
                "unknown consent topic '" + wireName + "'; expected one of " + wireNames()));
    }

    public static ConsentTopic of(SignalSource source) {
        return fromWireName(source.wireName());
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ConsentTopic::wireName).toList();
    }
}

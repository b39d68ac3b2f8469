package app.oo.web.simulation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run is: waiting, running, done with a report, failed, or cut off by the app stopping. */
public enum SimulationStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SimulationStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

package app.oo.domain.signal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A signal's identity, given when the signal is accepted. */
public record SignalId(UUID value) {

    public SignalId {
        Objects.requireNonNull(value, "signal id");
    }

    public static SignalId random() {
        return new SignalId(UUID.randomUUID());
    }

    @JsonCreator
    public static SignalId of(String value) {
        return new SignalId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}

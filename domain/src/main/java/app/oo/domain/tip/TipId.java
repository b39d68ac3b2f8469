package app.oo.domain.tip;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A tip's identity; chosen when the tip is requested, so the saga and the request agree on it. */
public record TipId(UUID value) {

    public TipId {
        Objects.requireNonNull(value, "tip id");
    }

    public static TipId random() {
        return new TipId(UUID.randomUUID());
    }

    @JsonCreator
    public static TipId of(String value) {
        return new TipId(UUID.fromString(value));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}

package app.oo.domain.tip;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A tip is either an advice or a todo. */
public enum TipKind {
    ADVICE, TODO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TipKind fromWireName(String name) {
        for (TipKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown tip kind '" + name + "'; expected advice or todo");
    }
}

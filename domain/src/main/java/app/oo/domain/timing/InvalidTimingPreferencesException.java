package app.oo.domain.timing;

/** Timing preferences outside their rules; names the field at fault and the value it had. */
public class InvalidTimingPreferencesException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidTimingPreferencesException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}

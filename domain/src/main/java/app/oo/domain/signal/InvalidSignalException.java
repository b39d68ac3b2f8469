package app.oo.domain.signal;

/** A signal that breaks its source's rules; {@link #field()} names the offending field. */
public class InvalidSignalException extends IllegalArgumentException {

    private final String field;

    public InvalidSignalException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}

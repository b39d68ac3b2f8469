package app.oo.domain;

/**
 * Input that breaks a rule, naming the field at fault and why: what the HTTP layer answers as
 * problem+json with that field. Each kind of input has its own subclass.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidFieldException(String field, String reason) {
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

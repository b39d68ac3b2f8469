package app.oo.web.problem;

/** Bad input outside the domain's own rules (a path variable, a query parameter); names its field. */
public class InvalidRequestException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidRequestException(String field, String reason) {
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

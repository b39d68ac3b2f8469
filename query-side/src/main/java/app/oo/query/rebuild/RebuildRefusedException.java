package app.oo.query.rebuild;

/** A rebuild that cannot start (or be found): which rule it broke, and the field at fault. */
public class RebuildRefusedException extends RuntimeException {

    /** Why the request was refused. */
    public enum Reason { UNKNOWN_PROJECTION, UNKNOWN_REBUILD, ALREADY_RUNNING, INVALID }

    private final Reason reason;
    private final String field;

    public RebuildRefusedException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}

package app.oo.sagas.ml;

/** ml/serving could not answer: unreachable, too slow, refusing, or its circuit is open. */
public class MlServingException extends RuntimeException {

    /** What kind of failure; decides whether a retry can help. */
    public enum Kind { UNAVAILABLE, TIMEOUT, CIRCUIT_OPEN, REJECTED, UNKNOWN_DECISION, BAD_RESPONSE }

    private final Kind kind;

    public MlServingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public MlServingException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}

package app.oo.query.platform;

/**
 * A projection whose handlers write for some of the events they receive only: the others get no
 * savepoint from {@link HandlerSavepoints} (two statements per event otherwise, for a handler that
 * returns without touching the database).
 */
public interface SelectiveWrites {

    /** Whether handling this payload may write; false only when it certainly does not. */
    boolean writesFor(Object payload);
}

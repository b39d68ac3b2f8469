package app.oo.query.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a projection whose event handlers touch the database only through {@link BatchedWrites},
 * queuing their writes last: a failure inside such a handler leaves nothing on the connection, so
 * {@link HandlerSavepoints} takes a savepoint only when {@code BatchedWrites} writes the event at
 * once (a batch that failed, a dead-letter retry). Saves two statements per event on the busiest views.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DeferredWrites {
}

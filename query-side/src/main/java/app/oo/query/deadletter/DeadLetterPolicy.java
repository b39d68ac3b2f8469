package app.oo.query.deadletter;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure is dead-lettered (and a failed retry requeued), with a cause that names what failed
 * and never a value: exception messages may quote the row that failed (PostgreSQL's "Key (…)=(…)"
 * or "Failing row contains (…)"), so only the exception types, the SQL state and the names of the
 * constraint, table and column are kept, in the table and in the log. {@code retries} in the
 * letter's diagnostics counts the failed retries.
 *
 * <p>A failure that will likely pass by itself (the connection lost, the server shutting down, a
 * deadlock, a serialization failure, a lock timeout) is no poison: it is rethrown, so the batch
 * fails and the processor retries it with back-off instead of parking a person's events until
 * someone retries them by hand. A retry of a stored letter requeues it whatever the failure.
 */
final class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String RETRIES = "retries";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);

    private final String group;

    DeadLetterPolicy(String group) {
        this.group = group;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        Object previous = letter.diagnostics().get(RETRIES);
        if (previous == null && isTransient(cause)) {
            log.warn("{}: event {} failed on what looks transient ({}); the processor retries the batch", group,
                    letter.message().getIdentifier(), describe(cause));
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(describe(cause), cause);
        }
        long retries = previous instanceof Number n ? n.longValue() + 1 : 0;
        ThrowableCause safe = new ThrowableCause(rootType(cause), describe(cause));
        EventMessage<?> event = letter.message();
        log.warn("{}: event {} ({}) dead-lettered{}: {}", group, event.getIdentifier(),
                event.getPayloadType().getSimpleName(), retries == 0 ? "" : " again after retry " + retries,
                safe.message());
        return Decisions.requeue(safe, l -> MetaData.with(RETRIES, retries));
    }

    /** Connection (08), transaction rollback (40), resources (53), operator (57), system (58), lock not available. */
    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57") || state.startsWith("58") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootType(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    /** The chain of exception types, then what PostgreSQL says failed, by name only. */
    static String describe(Throwable error) {
        List<String> types = new ArrayList<>();
        String sql = null;
        for (Throwable t = error; t != null && types.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            types.add(t.getClass().getSimpleName());
            // the server's own error (the driver wraps it in batch exceptions) names the most
            if (t instanceof PSQLException e && e.getServerErrorMessage() != null || sql == null && t instanceof SQLException) {
                sql = sqlFacts((SQLException) t);
            }
        }
        return String.join(" < ", types) + (sql == null ? "" : "; " + sql);
    }

    private static String sqlFacts(SQLException e) {
        StringBuilder facts = new StringBuilder("SQLState ").append(e.getSQLState());
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            append(facts, "table", server.getTable());
            append(facts, "column", server.getColumn());
            append(facts, "constraint", server.getConstraint());
        }
        return facts.toString();
    }

    private static void append(StringBuilder facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.append(", ").append(name).append(' ').append(value);
        }
    }
}

package app.oo.query.replay;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What a projection offers to {@link FastReplay}: the payload types it handles and a writer for a
 * chunk of their payloads. Chunks of one aggregate arrive in event order, on one thread; chunks of
 * different aggregates arrive in parallel, so writes must not depend on other aggregates' events.
 */
public interface ReplayTarget {

    /** The fully qualified payload types (as stored in {@code domainevententry.payloadtype}) it handles. */
    Set<String> payloadTypes();

    /** Before the first chunk, on one connection: typically create the fresh table, without its indexes. */
    void prepare(Connection connection) throws SQLException;

    /** One chunk of deserialized payloads, in one transaction the caller commits. */
    void write(Connection connection, List<ReplayedEvent> events) throws SQLException;

    /** After the last chunk: typically build the indexes. */
    void finish(Connection connection) throws SQLException;

    /** One event as the replay hands it over. */
    record ReplayedEvent(long globalIndex, String aggregateIdentifier, String timestamp, Object payload) {
    }
}

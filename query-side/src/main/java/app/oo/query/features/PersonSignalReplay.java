package app.oo.query.features;

import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.query.replay.ReplayTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * {@link PersonFeaturesProjection}'s rows rebuilt by {@code FastReplay} into a fresh table shaped
 * like {@code person_signal}: filled without indexes, which are built once at the end, so the live
 * table keeps serving until it is swapped for this one.
 */
public final class PersonSignalReplay implements ReplayTarget {

    private final String table;

    /** @param table the fresh table, e.g. {@code person_signal_rebuild}; dropped first if it exists */
    public PersonSignalReplay(String table) {
        if (!table.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("a table name of lower-case letters, digits and '_', was '" + table + "'");
        }
        this.table = table;
    }

    @Override
    public Set<String> payloadTypes() {
        return Set.of(SignalRecordedEvent.class.getName());
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("drop table if exists " + table);
            s.execute("create table " + table + " (like person_signal including defaults)");
        }
    }

    @Override
    public void write(Connection connection, List<ReplayedEvent> events) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into " + table
                + " (signal_id, person_id, source, type, value, occurred_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (ReplayedEvent replayed : events) {
                SignalRecordedEvent event = (SignalRecordedEvent) replayed.payload();
                ps.setObject(1, event.signalId().value());
                ps.setObject(2, event.personId().value());
                ps.setString(3, event.source().wireName());
                ps.setString(4, event.type());
                Double value = PersonFeaturesProjection.numberOf(event);
                if (value == null) {
                    ps.setNull(5, Types.DOUBLE);
                } else {
                    ps.setDouble(5, value);
                }
                ps.setObject(6, event.occurredAt().atOffset(ZoneOffset.UTC));
                ps.setObject(7, event.receivedAt().atOffset(ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void finish(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("alter table " + table + " add primary key (signal_id)");
            s.execute("create index on " + table + " (person_id, occurred_at)");
            s.execute("analyze " + table);
        }
    }
}

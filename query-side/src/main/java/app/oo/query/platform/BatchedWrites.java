package app.oo.query.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.BatchBindStep;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Delete;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.Update;
import org.springframework.stereotype.Component;

/**
 * Collects a projection's writes for the whole processor batch (one unit of work, one transaction)
 * and sends them as a few JDBC batches when the batch commits: one per distinct statement, inserts
 * first, then updates, then deletes. A replay then costs a handful of round trips per thousand
 * events instead of one per event.
 *
 * <p>Regrouping is only correct for writes that commute: inserts that do nothing on conflict,
 * updates whose order among themselves is kept (same statement, same group) and that only touch
 * rows inserted before them in the stream, and deletes (erasure) that win over everything earlier.
 * Projections whose writes are not of that shape execute directly instead.
 *
 * <p>A batch fails as a whole when one of its writes fails (a poison event), far from the handler
 * that queued it, where no dead-letter queue can see it. The events of a batch that failed are then
 * written one by one, inside their handlers, for a while: when the processor retries the batch the
 * poison event fails in its own handler and is dead-lettered (docs/adr/0015), and the others commit.
 */
@Component
public class BatchedWrites {

    static final int ROWS_PER_INSERT = 1000;
    static final long WRITE_DIRECTLY_NANOS = TimeUnit.MINUTES.toNanos(15);
    private static final String RESOURCE = BatchedWrites.class.getName();

    /** Events of failed batches (by identifier) and until when their writes skip the batch. */
    private final Map<String, Long> writeDirectly = new ConcurrentHashMap<>();

    /** Queues the write in the current processor batch; outside one (a reset, a test) it runs at once. */
    public void add(Query query) {
        Batch batch = current();
        if (batch == null) {
            query.execute();
        } else {
            batch.add(query);
        }
    }

    /**
     * Queues the record's insert, which does nothing when its key exists. Every record of a table
     * must set the same fields (set the unused ones to null). The record's configuration (its
     * {@code DSLContext}) decides which table it lands in.
     */
    public void insertIfAbsent(TableRecord<?> record) {
        Batch batch = current();
        if (batch == null) {
            Batch.insertAll(List.of(record));
        } else {
            batch.insert(record);
        }
    }

    /** The batch of the current unit of work; null outside one, or when the current event is written directly. */
    private Batch current() {
        if (writesDirectlyNow()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        String event = unitOfWork.getMessage() == null ? null : unitOfWork.getMessage().getIdentifier();
        UnitOfWork<?> root = unitOfWork.root();
        Batch batch = root.getOrComputeResource(RESOURCE, key -> {
            Batch created = new Batch();
            root.onPrepareCommit(u -> flush(created));
            return created;
        });
        if (event != null) {
            batch.events.add(event);
        }
        return batch;
    }

    private void flush(Batch batch) {
        try {
            batch.flush();
        } catch (RuntimeException e) {
            long until = System.nanoTime() + WRITE_DIRECTLY_NANOS;
            writeDirectly.values().removeIf(deadline -> deadline - System.nanoTime() < 0);
            batch.events.forEach(event -> writeDirectly.put(event, until));
            throw e;
        }
    }

    /**
     * Whether the current event's writes run at once rather than at the end of its batch: outside a
     * unit of work, for an event of a batch that failed lately, and for a dead letter's retry.
     */
    public boolean writesDirectlyNow() {
        if (!CurrentUnitOfWork.isStarted()) {
            return true;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        String event = unitOfWork.getMessage() == null ? null : unitOfWork.getMessage().getIdentifier();
        return event != null && writesDirectly(event) || retryingDeadLetter(unitOfWork);
    }

    /** Axon retries a dead letter in a unit of work of its own that holds the letter: its writes run at once. */
    private static boolean retryingDeadLetter(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getResource(DeadLetter.class.getName()) != null;
    }

    /** Whether the event was in a batch that failed lately: then its writes run at once. */
    boolean writesDirectly(String eventIdentifier) {
        Long until = writeDirectly.get(eventIdentifier);
        return until != null && until - System.nanoTime() > 0;
    }

    /** The writes of one unit of work, grouped by statement in order of first appearance. */
    static final class Batch {

        private record Group(int phase, List<Query> queries) {
        }

        private record Target(Configuration configuration, Table<?> table) {
        }

        private final Map<Target, List<TableRecord<?>>> inserts = new LinkedHashMap<>();
        private final Map<String, Group> groups = new LinkedHashMap<>();
        private final Set<String> events = ConcurrentHashMap.newKeySet();

        void insert(TableRecord<?> record) {
            inserts.computeIfAbsent(new Target(record.configuration(), record.getTable()), t -> new ArrayList<>())
                    .add(record);
        }

        void add(Query query) {
            groups.computeIfAbsent(query.getSQL(), sql -> new Group(phaseOf(query), new ArrayList<>()))
                    .queries().add(query);
        }

        void flush() {
            List<List<TableRecord<?>>> rows = new ArrayList<>(inserts.values());
            inserts.clear();
            rows.forEach(Batch::insertAll);
            List<Group> ordered = new ArrayList<>(groups.values());
            ordered.sort(Comparator.comparingInt(Group::phase));
            groups.clear();
            for (Group group : ordered) {
                execute(group.queries());
            }
        }

        /**
         * Inserts the records (all of one table and context) that skip existing keys, as one JDBC
         * batch of one statement, which the driver rewrites into multi-row inserts
         * ({@code reWriteBatchedInserts}). jOOQ renders the statement once (with the context's
         * table mapping and a cast per value); binding a thousand rows through jOOQ's generic
         * binding cost more than the rest of a replay.
         */
        static void insertAll(List<TableRecord<?>> records) {
            TableRecord<?> first = records.get(0);
            Field<?>[] fields = first.fields();
            DSLContext dsl = first.configuration().dsl();
            String sql = dsl.insertInto(first.getTable(), fields).values(new Object[fields.length])
                    .onConflictDoNothing().getSQL();
            dsl.connection(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int rows = 0;
                    for (TableRecord<?> record : records) {
                        for (int i = 0; i < fields.length; i++) {
                            bind(statement, i + 1, record.get(i));
                        }
                        statement.addBatch();
                        if (++rows % ROWS_PER_INSERT == 0) {
                            statement.executeBatch();
                        }
                    }
                    if (rows % ROWS_PER_INSERT != 0) {
                        statement.executeBatch();
                    }
                }
            });
        }

        /** Every placeholder carries a cast to its column's type, so a value goes in as the driver maps it. */
        private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.OTHER);
            } else if (value instanceof JSONB json) {
                statement.setString(index, json.data());
            } else {
                statement.setObject(index, value);
            }
        }

        static int phaseOf(Query query) {
            if (query instanceof Insert<?>) {
                return 0;
            }
            if (query instanceof Update<?>) {
                return 1;
            }
            if (query instanceof Delete<?>) {
                return 2;
            }
            return 3;
        }

        private static void execute(List<Query> queries) {
            Query first = queries.get(0);
            if (queries.size() == 1) {
                first.execute();
                return;
            }
            BatchBindStep batch = first.configuration().dsl().batch(first);
            for (Query query : queries) {
                batch = batch.bind(query.getBindValues().toArray());
            }
            batch.execute();
        }
    }
}

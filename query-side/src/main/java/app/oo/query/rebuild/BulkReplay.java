package app.oo.query.rebuild;

import app.oo.query.platform.PerPersonSequencing;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * The bulk of a rebuild (docs/adr/0017): reads {@code domainevententry} itself, in one
 * repeatable-read snapshot, up to the head that snapshot holds, and feeds the projection's own
 * handlers. One reader streams the rows in global order with a large fetch size, asking only for
 * the payload types the projection handles; workers, chosen as the live processors choose a
 * segment ({@link PerPersonSequencing}: every event about one person in one worker, in order, so a
 * person's erasure comes after every earlier write about them), turn the rows into event messages through Axon's upcasters and the
 * app's serializer (crypto-shredding included), and hand a chunk at a time to the handlers in one
 * batching unit of work and one transaction, so the projection's batched writes go out as a few
 * JDBC batches per chunk.
 *
 * <p>Every message carries a replay token, as in an Axon replay ({@code @DisallowReplay} handlers
 * stay quiet). The result is the tracking token a processor continues from: the head, with the
 * global indexes below it that the snapshot did not hold (transactions still in flight, or numbers
 * a rolled-back insert consumed) as gaps, bounded as Axon's JDBC storage engine bounds them, so an
 * event committed late into a gap is still delivered by the processor, and nothing twice.
 */
final class BulkReplay {

    /** {@code JdbcEventStorageEngine}'s default: gaps further behind the head are not tracked. */
    static final int MAX_GAP_OFFSET = 10_000;

    /** Told where the bulk stands; called from the reader thread. */
    interface Progress {
        void started(long tail, long head);

        void at(long position);
    }

    /** @param handover the token the projection's processor continues from */
    record Result(long rows, long head, TrackingToken handover) {
    }

    private record Row(long globalIndex, String type, String aggregate, long sequence, String eventId,
                       String timestamp, String payloadType, String revision, String payload, String metadata) {
    }

    private static final List<Row> END = Collections.emptyList();

    private final DataSource dataSource;
    private final TransactionManager transactions;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final int workers;
    private final int chunkSize;
    private final int fetchSize;

    BulkReplay(DataSource dataSource, TransactionManager transactions, Serializer serializer, EventUpcaster upcasters,
               int workers, int chunkSize, int fetchSize) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.workers = workers;
        this.chunkSize = chunkSize;
        this.fetchSize = fetchSize;
    }

    /**
     * The payload types the projection's {@code @EventHandler}s take, by name as the store keeps
     * them; null when one takes an interface or an abstract type (then every row is read and the
     * handlers decide).
     */
    static Set<String> handledTypes(Class<?> projection) {
        Set<String> types = new TreeSet<>();
        for (Class<?> c = projection; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                EventHandler handler = method.getAnnotation(EventHandler.class);
                if (handler == null) {
                    continue;
                }
                Class<?> type = handler.payloadType() != Object.class ? handler.payloadType()
                        : method.getParameterCount() > 0 ? method.getParameterTypes()[0] : Object.class;
                if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type == Object.class) {
                    return null;
                }
                types.add(type.getName());
            }
        }
        return types;
    }

    /**
     * @param handler the projection instance's handlers, writing to fresh tables
     * @param types   payload type names to read, null for all
     * @param admit   decides, inside the chunk's transaction, whether a message reaches the handlers
     * @param tail    the position before the first event to read
     */
    Result run(String name, EventMessageHandler handler, Set<String> types, Predicate<EventMessage<?>> admit,
               long tail, Progress progress, BooleanSupplier cancelled) throws SQLException, InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<BlockingQueue<List<Row>>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long rows = 0;
        long head;
        TrackingToken handover;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                head = head(c, tail);
                handover = GapAwareTrackingToken.newInstance(head, gaps(c, tail, head));
                progress.started(tail, head);
                // started only now: the handover token above is what every message's replay token refers to
                for (int w = 0; w < workers; w++) {
                    BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(4);
                    queues.add(queue);
                    TrackingToken resetAt = handover;
                    Thread thread = new Thread(() -> work(queue, handler, admit, resetAt, failure),
                            "rebuild-" + name + "-" + w);
                    thread.start();
                    threads.add(thread);
                }
                rows = read(c, types, tail, head, queues, failure, progress, cancelled);
            } finally {
                for (BlockingQueue<List<Row>> queue : queues) {
                    queue.put(END);
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                c.rollback();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the replay failed: " + failure.get(), failure.get());
        }
        return new Result(rows, head, handover);
    }

    private static long head(Connection c, long tail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select max(globalindex) from domainevententry");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long head = rs.getLong(1);
            return rs.wasNull() ? tail : Math.max(head, tail);
        }
    }

    /** The indexes in the tracked window below the head that this snapshot does not hold. */
    private static Set<Long> gaps(Connection c, long tail, long head) throws SQLException {
        long from = Math.max(tail, head - MAX_GAP_OFFSET);
        Set<Long> gaps = new HashSet<>();
        long expected = from + 1;
        try (PreparedStatement ps = c.prepareStatement("select globalindex from domainevententry"
                + " where globalindex > ? and globalindex <= ? order by globalindex")) {
            ps.setLong(1, from);
            ps.setLong(2, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long index = rs.getLong(1);
                    for (long missing = expected; missing < index; missing++) {
                        gaps.add(missing);
                    }
                    expected = index + 1;
                }
            }
        }
        return gaps;
    }

    private long read(Connection c, Set<String> types, long tail, long head, List<BlockingQueue<List<Row>>> queues,
                      AtomicReference<Throwable> failure, Progress progress, BooleanSupplier cancelled)
            throws SQLException, InterruptedException {
        // Payload and metadata are JSON in UTF-8 (Axon's Jackson serializer): read as text, the driver
        // decodes them in one pass instead of parsing bytea's hex form, which was most of this thread's CPU.
        String sql = "select globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp,"
                + " payloadtype, payloadrevision, convert_from(payload, 'UTF8'), convert_from(metadata, 'UTF8')"
                + " from domainevententry"
                + " where globalindex > ? and globalindex <= ?"
                + (types == null ? "" : " and payloadtype = any(?)") + " order by globalindex";
        List<List<Row>> chunks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            chunks.add(new ArrayList<>(chunkSize));
        }
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, tail);
            ps.setLong(2, head);
            if (types != null) {
                ps.setArray(3, c.createArrayOf("varchar", types.toArray()));
            }
            ps.setFetchSize(fetchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10));
                    int w = workers == 1 ? 0 : Math.floorMod(PerPersonSequencing.sequenceOf(row.type(),
                            row.aggregate(), row.payloadType(), row.payload()).hashCode(), workers);
                    List<Row> chunk = chunks.get(w);
                    chunk.add(row);
                    if (chunk.size() >= chunkSize) {
                        hand(queues.get(w), chunk, failure, cancelled);
                        chunks.set(w, new ArrayList<>(chunkSize));
                        progress.at(row.globalIndex());
                    }
                    rows++;
                }
            }
        }
        for (int w = 0; w < workers; w++) {
            if (!chunks.get(w).isEmpty()) {
                hand(queues.get(w), chunks.get(w), failure, cancelled);
            }
        }
        return rows;
    }

    private static void hand(BlockingQueue<List<Row>> queue, List<Row> chunk, AtomicReference<Throwable> failure,
                             BooleanSupplier cancelled) throws InterruptedException {
        if (failure.get() != null) {
            throw new IllegalStateException("the replay failed: " + failure.get(), failure.get());
        }
        if (cancelled.getAsBoolean()) {
            throw new InterruptedException("cancelled");
        }
        queue.put(chunk);
    }

    private void work(BlockingQueue<List<Row>> queue, EventMessageHandler handler, Predicate<EventMessage<?>> admit,
                      TrackingToken resetAt, AtomicReference<Throwable> failure) {
        try {
            while (true) {
                List<Row> chunk = queue.take();
                if (chunk == END) {
                    return;
                }
                if (failure.get() == null) {
                    apply(chunk, handler, admit, resetAt);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            drain(queue);
        }
    }

    private void apply(List<Row> chunk, EventMessageHandler handler, Predicate<EventMessage<?>> admit,
                       TrackingToken resetAt) throws Exception {
        List<TrackedDomainEventData<String>> data = new ArrayList<>(chunk.size());
        for (Row row : chunk) {
            TrackingToken position = ReplayToken.createReplayToken(resetAt,
                    GapAwareTrackingToken.newInstance(row.globalIndex(), Collections.emptySet()));
            data.add(new TrackedDomainEventData<>(position, new GenericDomainEventEntry<>(row.type(), row.aggregate(),
                    row.sequence(), row.eventId(), row.timestamp(), row.payloadType(), row.revision(), row.payload(),
                    row.metadata())));
        }
        List<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(data.stream(), serializer,
                upcasters).toList();
        if (messages.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            EventMessage<?> message = unitOfWork.getMessage();
            if (handler.canHandle(message) && admit.test(message)) {
                handler.handle(message);
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
    }

    private static void drain(BlockingQueue<List<Row>> queue) {
        try {
            while (queue.take() != END) {
                // dropped: the replay has failed, and the reader must not block on a full queue
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package app.oo.query.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Rebuilds one projection from the event store faster than a tracking processor can: one reader
 * streams {@code domainevententry} in order with a large fetch size, asking PostgreSQL for the
 * payload types the projection handles only; workers, chosen by the aggregate's hash (so one
 * aggregate's events keep their order), deserialize the payloads through the app's own
 * {@link Serializer} (the crypto-shredding decorator included) and write them in large chunks,
 * one transaction each. It reads up to the head it saw when it started and reports that
 * position, from which the projection's tracking processor then carries on.
 *
 * <p>It skips what a tracking processor gives: upcasters, interceptors, per-event tokens. Use it
 * for projections whose handlers are plain writes and whose events have no upcasters.
 */
public final class FastReplay {

    /** How a replay ended. */
    public record Result(long events, long head, double seconds) {
        public double eventsPerSecond() {
            return events / Math.max(seconds, 1e-9);
        }
    }

    private static final Object END = new Object();

    private final DataSource dataSource;
    private final Serializer serializer;
    private final int workers;
    private final int chunkSize;
    private final int fetchSize;

    public FastReplay(DataSource dataSource, Serializer serializer, int workers, int chunkSize, int fetchSize) {
        if (workers < 1 || chunkSize < 1 || fetchSize < 1) {
            throw new IllegalArgumentException("workers, chunkSize and fetchSize are at least 1, were "
                    + workers + ", " + chunkSize + ", " + fetchSize);
        }
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.workers = workers;
        this.chunkSize = chunkSize;
        this.fetchSize = fetchSize;
    }

    /**
     * @param progress called with the number of events written so far, from worker threads
     */
    public Result rebuild(ReplayTarget target, LongConsumer progress) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            target.prepare(c);
            c.commit();
        }
        long head;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(globalindex), -1) from domainevententry")) {
            rs.next();
            head = rs.getLong(1);
        }
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong written = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int w = 0; w < workers; w++) {
            BlockingQueue<Object> queue = new ArrayBlockingQueue<>(chunkSize * 4);
            queues.add(queue);
            Thread thread = new Thread(() -> work(queue, target, written, progress, failure), "fast-replay-" + w);
            thread.start();
            threads.add(thread);
        }
        long read = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select globalindex, aggregateidentifier, timestamp,"
                    + " payloadtype, payloadrevision, payload from domainevententry"
                    + " where globalindex <= ? and payloadtype = any(?) order by globalindex")) {
                ps.setLong(1, head);
                ps.setArray(2, c.createArrayOf("varchar", target.payloadTypes().toArray()));
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && failure.get() == null) {
                        Row row = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBytes(6));
                        queues.get(Math.floorMod(row.aggregate.hashCode(), workers)).put(row);
                        read++;
                    }
                }
            }
            c.commit();
        } finally {
            for (BlockingQueue<Object> queue : queues) {
                queue.put(END);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the replay failed after " + written.get() + " events", failure.get());
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            target.finish(c);
            c.commit();
        }
        return new Result(read, head, (System.nanoTime() - started) / 1e9);
    }

    private record Row(long globalIndex, String aggregate, String timestamp, String type, String revision,
                       byte[] payload) {
    }

    private void work(BlockingQueue<Object> queue, ReplayTarget target, AtomicLong written, LongConsumer progress,
                      AtomicReference<Throwable> failure) {
        List<ReplayTarget.ReplayedEvent> chunk = new ArrayList<>(chunkSize);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            while (true) {
                Object next = queue.poll(1, TimeUnit.SECONDS);
                if (next == END) {
                    break;
                }
                if (next == null) {
                    continue;
                }
                Row row = (Row) next;
                Object payload = serializer.deserialize(new SimpleSerializedObject<>(row.payload, byte[].class,
                        row.type, row.revision));
                chunk.add(new ReplayTarget.ReplayedEvent(row.globalIndex, row.aggregate, row.timestamp, payload));
                if (chunk.size() >= chunkSize) {
                    flush(c, target, chunk, written, progress);
                }
            }
            flush(c, target, chunk, written, progress);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            // keep draining so the reader never blocks on a full queue
            try {
                while (queue.take() != END) {
                    // dropped: the replay has failed
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void flush(Connection c, ReplayTarget target, List<ReplayTarget.ReplayedEvent> chunk,
                              AtomicLong written, LongConsumer progress) throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        target.write(c, chunk);
        c.commit();
        progress.accept(written.addAndGet(chunk.size()));
        chunk.clear();
    }
}

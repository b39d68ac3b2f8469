package app.oo.query.rebuild;

import app.oo.domain.projection.RebuildView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One rebuild's state as it goes, read by status queries while the rebuild's thread writes it. */
final class RebuildRun {

    enum State { PREPARING, REPLAYING, SWAPPING, DONE, FAILED, CANCELLED }

    private final UUID id = UUID.randomUUID();
    private final String projection;
    private final Instant asOf;
    private final String snapshot;
    private final boolean verify;
    private final Instant startedAt;

    private volatile State state = State.PREPARING;
    private volatile long tail;
    private volatile long total;
    private volatile long done;
    private volatile Instant replayStartedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile boolean cancelRequested;
    private volatile List<RebuildView.TableDifference> differences = List.of();

    RebuildRun(String projection, Instant asOf, String snapshot, boolean verify, Instant startedAt) {
        this.projection = projection;
        this.asOf = asOf;
        this.snapshot = snapshot;
        this.verify = verify;
        this.startedAt = startedAt;
    }

    UUID id() {
        return id;
    }

    String projection() {
        return projection;
    }

    Instant asOf() {
        return asOf;
    }

    String snapshot() {
        return snapshot;
    }

    boolean isSnapshot() {
        return snapshot != null;
    }

    boolean verify() {
        return verify;
    }

    State state() {
        return state;
    }

    boolean finished() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }

    void replaying(long tail, long head, Instant at) {
        this.tail = tail;
        this.total = Math.max(0, head - tail);
        this.replayStartedAt = at;
        this.state = State.REPLAYING;
    }

    /** The store grew while the bulk read ran: the processor that follows it goes on to this head. */
    void extend(long head) {
        this.total = Math.max(total, head - tail);
    }

    void progress(long position) {
        this.done = Math.max(done, Math.min(total, Math.max(0, position - tail)));
    }

    void swapping() {
        this.done = total;
        this.state = State.SWAPPING;
    }

    void differences(List<RebuildView.TableDifference> differences) {
        this.differences = List.copyOf(differences);
    }

    void finish(State end, String error, Instant at) {
        if (end == State.DONE) {
            this.done = total;
        }
        this.error = error;
        this.finishedAt = at;
        this.state = end;
    }

    void requestCancel() {
        this.cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    RebuildView view(Instant now) {
        Instant replayStart = replayStartedAt;
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = replayStart == null ? 0 : Math.max(0.001, Duration.between(replayStart, end).toNanos() / 1e9);
        double rate = seconds == 0 ? 0 : done / seconds;
        Double eta = finished() ? Double.valueOf(0) : rate > 0 ? (total - done) / rate : null;
        return new RebuildView(id, projection, isSnapshot() ? "snapshot" : "swap", asOf, snapshot, verify,
                state.name().toLowerCase(java.util.Locale.ROOT), done, total, rate, eta, startedAt, finishedAt, error,
                differences);
    }
}

package app.oo.domain.projection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A projection rebuild and its progress.
 *
 * @param mode            {@code swap} (fresh tables replace the live ones) or {@code snapshot} (a named schema, as of an instant)
 * @param asOf            events after this instant are left out (snapshots only; null: up to the start)
 * @param snapshot        the schema a snapshot is written to (null for a swap)
 * @param state           {@code preparing}, {@code replaying}, {@code swapping}, {@code done}, {@code failed} or {@code cancelled}
 * @param eventsDone      global positions replayed so far
 * @param eventsTotal     global positions to replay (the store's head when the rebuild started)
 * @param eventsPerSecond replay speed since the replay started
 * @param etaSeconds      estimated seconds left (null before a speed is known, 0 when finished)
 * @param differences     with {@code verify}: how the rebuilt tables differ from the live ones they replace
 */
public record RebuildView(UUID rebuildId, String projection, String mode, Instant asOf, String snapshot, boolean verify,
                          String state, long eventsDone, long eventsTotal, double eventsPerSecond, Double etaSeconds,
                          Instant startedAt, Instant finishedAt, String error, List<TableDifference> differences) {

    public RebuildView {
        differences = differences == null ? List.of() : List.copyOf(differences);
    }

    public boolean finished() {
        return "done".equals(state) || "failed".equals(state) || "cancelled".equals(state);
    }

    /**
     * Rows only in the live table and rows only in the rebuilt one, compared when both had handled
     * the same events ({@code comparable}); zero and zero means row-for-row equal.
     */
    public record TableDifference(String table, boolean comparable, long onlyInLive, long onlyInRebuilt) {
    }
}

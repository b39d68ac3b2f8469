package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.UUID;

/**
 * Evidence of one erasure step: what was done, when, with which outcome. The detail names counts
 * and providers only, never personal data. The erasure audit view keeps one row per event.
 *
 * @param runId   the erasure id for the first run, the replay id for a compliance replay
 * @param step    {@link #REVOKE_INTEGRATIONS}, {@link #DELETE_VAULT_TOKENS}, {@link #SHRED_DATA_KEY},
 *                {@link #PURGE_VIEWS}, or {@link #RESUME} (the app restarted mid-erasure)
 * @param outcome {@link #DONE}, {@link #INCOMPLETE} (done here, not confirmed by a provider),
 *                {@link #FAILED} (retried), {@link #GAVE_UP} (the saga's deadline passed) or
 *                {@link #RESTARTED}
 */
public record ErasureStepRecordedEvent(PersonId personId, UUID erasureId, UUID runId, String step, String outcome,
                                       String detail, Instant at) {

    public static final String REVOKE_INTEGRATIONS = "revoke-integrations";
    public static final String DELETE_VAULT_TOKENS = "delete-vault-tokens";
    public static final String SHRED_DATA_KEY = "shred-data-key";
    public static final String PURGE_VIEWS = "purge-views";
    public static final String RESUME = "resume";
    /** The last act of a run: the completion command; named only when the saga gives up before it. */
    public static final String COMPLETE = "complete";

    public static final String DONE = "done";
    public static final String INCOMPLETE = "incomplete";
    public static final String FAILED = "failed";
    public static final String GAVE_UP = "gave-up";
    public static final String RESTARTED = "restarted";

    /** Whether this is the first run of the erasure rather than a compliance replay. */
    public boolean firstRun() {
        return erasureId.equals(runId);
    }
}

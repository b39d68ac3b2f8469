package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record one step of an erasure run as evidence (sent by the erasure saga and by a compliance
 * replay). Accepted after the erasure request, and after the erasure too: a replay appends evidence.
 *
 * @param runId the erasure id for the first run, a fresh replay id for each replay
 */
public record RecordErasureStepCommand(@TargetAggregateIdentifier PersonId personId, UUID erasureId, UUID runId,
                                       String step, String outcome, String detail, Instant at) {

    public RecordErasureStepCommand {
        Objects.requireNonNull(erasureId, "erasureId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }
}

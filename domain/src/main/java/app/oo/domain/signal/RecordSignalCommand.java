package app.oo.domain.signal;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record one signal on the person's aggregate.
 *
 * @param clientId   optional id chosen by the sender; a retry with the same id is recorded once
 * @param receivedAt when oO accepted it; time enters through the command, never from a clock in the aggregate
 */
public record RecordSignalCommand(
        @TargetAggregateIdentifier PersonId personId,
        SignalId signalId,
        String type,
        Instant occurredAt,
        SignalPayload payload,
        String clientId,
        Instant receivedAt) {

    public RecordSignalCommand {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (type == null || !payload.source().knowsType(type)) {
            throw new InvalidSignalException("type", "source '" + payload.source().wireName()
                    + "' knows the types " + payload.source().types() + ", was '" + type + "'");
        }
        if (occurredAt == null) {
            throw new InvalidSignalException("occurredAt", "is required");
        }
        if (clientId != null && (clientId.isBlank() || clientId.length() > 128)) {
            throw new InvalidSignalException("clientId", "must be 1 to 128 characters");
        }
    }

    public SignalSource source() {
        return payload.source();
    }
}

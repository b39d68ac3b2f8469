package app.oo.domain.signal;

import app.oo.domain.privacy.DataSubject;
import java.time.Instant;
import app.oo.domain.person.PersonId;

/** A signal accepted on the person's aggregate; personal payload fields are encrypted at rest. */
public record SignalRecordedEvent(
        @DataSubject PersonId personId,
        SignalId signalId,
        SignalSource source,
        String type,
        Instant occurredAt,
        SignalPayload payload,
        String clientId,
        Instant receivedAt) {
}

package app.oo.domain.signal;

import app.oo.domain.person.PersonId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a batch of signals for one person in one command, hence one commit: the integration
 * path (a sync, a batch upload) is bounded by events per commit, not commits per second.
 */
public record RecordSignalsCommand(@TargetAggregateIdentifier PersonId personId, List<RecordSignalCommand> signals) {

    public RecordSignalsCommand {
        Objects.requireNonNull(personId, "personId");
        signals = List.copyOf(signals);
        for (RecordSignalCommand signal : signals) {
            if (!signal.personId().equals(personId)) {
                throw new IllegalArgumentException("every signal of a batch belongs to " + personId
                        + ", found one of " + signal.personId());
            }
        }
    }
}

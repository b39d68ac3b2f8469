package app.oo.domain.timing;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the person's timing preferences; the same preferences again change nothing. */
public record SetTimingPreferencesCommand(@TargetAggregateIdentifier PersonId personId,
                                          TimingPreferences preferences, Instant at) {
}

package app.oo.domain.person;

import app.oo.domain.privacy.PersonalData;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a person; the display name is personal and encrypted at rest. */
public record RegisterPersonCommand(@TargetAggregateIdentifier PersonId personId,
                                    @PersonalData String displayName, Instant registeredAt) {
}

package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.PersonalData;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issue the chosen tip; creates the tip aggregate. A second issue of the same tip id fails. */
public record IssueTipCommand(@TargetAggregateIdentifier TipId tipId, PersonId personId,
                              @PersonalData String text, TipKind kind, String category,
                              Decision decision, Instant issuedAt) {
}

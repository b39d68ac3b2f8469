package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import app.oo.domain.privacy.PersonalData;
import java.time.Instant;

/** A tip was issued to a person, with the decision that chose it. */
public record TipIssuedEvent(TipId tipId, @DataSubject PersonId personId, @PersonalData String text,
                             TipKind kind, String category, Decision decision, Instant issuedAt) {
}

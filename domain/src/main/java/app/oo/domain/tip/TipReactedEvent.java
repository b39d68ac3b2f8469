package app.oo.domain.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;
import java.util.UUID;

/** The person reacted; {@code reward} is what the policy learns from, for {@code decisionId}. */
public record TipReactedEvent(TipId tipId, @DataSubject PersonId personId, Reaction reaction, double reward,
                              UUID decisionId, Instant at) {
}

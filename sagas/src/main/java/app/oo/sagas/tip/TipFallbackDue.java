package app.oo.sagas.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.TipId;

/** Deadline payload: the ranked tip did not arrive in time. */
public record TipFallbackDue(TipId tipId, PersonId personId) {
}

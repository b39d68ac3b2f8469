package app.oo.domain.tip;

import app.oo.domain.person.PersonId;

/** The person's current tip: the newest one without a final reaction. Answers {@link TipFeedResponse}. */
public record FindCurrentTipQuery(PersonId personId) {
}

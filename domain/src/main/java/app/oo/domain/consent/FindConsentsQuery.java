package app.oo.domain.consent;

import app.oo.domain.person.PersonId;

/** Every topic with the person's current decision on it; answers {@link ConsentsView}. */
public record FindConsentsQuery(PersonId personId) {
}

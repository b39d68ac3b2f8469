package app.oo.domain.timing;

import app.oo.domain.person.PersonId;

/** The person's timing preferences in effect (the defaults when they set none); answers {@link TimingPreferencesView}. */
public record FindTimingPreferencesQuery(PersonId personId) {
}

package app.oo.domain.features;

import app.oo.domain.person.PersonId;
import java.time.Instant;

/** The person's feature view as of {@code now}; answers {@link PersonFeatures}. */
public record FetchPersonFeaturesQuery(PersonId personId, Instant now) {
}

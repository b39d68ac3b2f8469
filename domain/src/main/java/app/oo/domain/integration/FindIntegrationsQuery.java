package app.oo.domain.integration;

import app.oo.domain.person.PersonId;

/** The person's integrations, connected or revoked; answers {@link IntegrationsView}. */
public record FindIntegrationsQuery(PersonId personId) {
}

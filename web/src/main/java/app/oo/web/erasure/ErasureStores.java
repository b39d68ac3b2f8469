package app.oo.web.erasure;

import app.oo.command.integration.TokenVault;
import app.oo.command.privacy.DataKeys;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import app.oo.sagas.erasure.PersonalDataStores;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The erasure saga's view of the token vault, the data keys and the integrations in the event store. */
@Component
class ErasureStores implements PersonalDataStores {

    private final DataKeys dataKeys;
    private final TokenVault vault;
    private final EventStore events;
    private final JdbcClient jdbc;
    private final ErasureProperties settings;

    ErasureStores(DataKeys dataKeys, TokenVault vault, EventStore events, JdbcClient jdbc, ErasureProperties settings) {
        this.dataKeys = dataKeys;
        this.vault = vault;
        this.events = events;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Those with a vault entry, and every known provider's integration that has events (revoked ones too). */
    @Override
    public List<IntegrationId> integrationsOf(PersonId personId) {
        Set<IntegrationId> found = new LinkedHashSet<>();
        jdbc.sql("SELECT integration_id FROM token_vault WHERE person_id = ? ORDER BY integration_id")
                .param(personId.value()).query(String.class).list()
                .forEach(id -> found.add(IntegrationId.parse(id)));
        for (String provider : settings.providers()) {
            IntegrationId id = IntegrationId.of(personId, provider);
            if (events.lastSequenceNumberFor(id.toString()).isPresent()) {
                found.add(id);
            }
        }
        return List.copyOf(found);
    }

    /** The provider tokens, and with them the connectors' state: sync snapshots and connects in progress. */
    @Override
    public int deleteVaultTokens(PersonId personId) {
        jdbc.sql("DELETE FROM todoist_sync WHERE person_id = ?").param(personId.value()).update();
        jdbc.sql("DELETE FROM todoist_oauth_state WHERE person_id = ?").param(personId.value()).update();
        return vault.deleteAllOf(personId);
    }

    @Override
    public boolean shredDataKey(PersonId personId) {
        boolean live = jdbc.sql("SELECT EXISTS (SELECT 1 FROM data_key WHERE person_id = ? AND wrapped_key IS NOT NULL)")
                .param(personId.value()).query(Boolean.class).single();
        dataKeys.shred(personId);
        return live;
    }
}

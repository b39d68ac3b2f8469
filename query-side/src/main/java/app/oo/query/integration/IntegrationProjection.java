package app.oo.query.integration;

import static app.oo.query.platform.ViewTime.utc;
import static app.oo.query.jooq.Tables.INTEGRATION;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.integration.FindIntegrationsQuery;
import app.oo.domain.integration.IntegrationConnectedEvent;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.IntegrationRevokedEvent;
import app.oo.domain.integration.IntegrationTokenRefreshedEvent;
import app.oo.domain.integration.IntegrationsView;
import app.oo.query.jooq.tables.records.IntegrationRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code integration}: one row per person and provider. Each change applies only when it is
 * at least as new as the row's last change (its own {@code at}), so a replay or a redelivery ends
 * where it began.
 */
@Component
@ProcessingGroup(IntegrationProjection.GROUP)
public class IntegrationProjection {

    public static final String GROUP = "integrations";
    static final String CONNECTED = "connected";
    static final String REVOKED = "revoked";

    private final DSLContext db;

    public IntegrationProjection(DSLContext db) {
        this.db = db;
    }

    /** A (re)connection starts the row afresh: new scopes and vault entry, no revocation. */
    @EventHandler
    void on(IntegrationConnectedEvent event) {
        OffsetDateTime at = utc(event.at());
        String scopes = String.join(" ", new TreeSet<>(event.scopes()));
        db.insertInto(INTEGRATION)
                .set(INTEGRATION.INTEGRATION_ID, event.integrationId().toString())
                .set(INTEGRATION.PERSON_ID, event.personId().value())
                .set(INTEGRATION.PROVIDER, event.provider())
                .set(INTEGRATION.SCOPES, scopes)
                .set(INTEGRATION.VAULT_REF, event.vaultRef())
                .set(INTEGRATION.STATUS, CONNECTED)
                .set(INTEGRATION.CONNECTED_AT, at)
                .set(INTEGRATION.CHANGED_AT, at)
                .onConflict(INTEGRATION.INTEGRATION_ID)
                .doUpdate()
                .set(INTEGRATION.SCOPES, scopes)
                .set(INTEGRATION.VAULT_REF, event.vaultRef())
                .set(INTEGRATION.STATUS, CONNECTED)
                .set(INTEGRATION.CONNECTED_AT, at)
                .setNull(INTEGRATION.TOKEN_REFRESHED_AT)
                .setNull(INTEGRATION.TOKEN_EXPIRES_AT)
                .setNull(INTEGRATION.REVOKED_AT)
                .setNull(INTEGRATION.REVOKE_REASON)
                .set(INTEGRATION.CHANGED_AT, at)
                .where(INTEGRATION.CHANGED_AT.le(at))
                .execute();
    }

    @EventHandler
    void on(IntegrationTokenRefreshedEvent event) {
        OffsetDateTime at = utc(event.at());
        db.update(INTEGRATION)
                .set(INTEGRATION.VAULT_REF, event.vaultRef())
                .set(INTEGRATION.TOKEN_REFRESHED_AT, at)
                .set(INTEGRATION.TOKEN_EXPIRES_AT, utc(event.expiresAt()))
                .set(INTEGRATION.CHANGED_AT, at)
                .where(INTEGRATION.INTEGRATION_ID.eq(event.integrationId().toString()))
                .and(INTEGRATION.STATUS.eq(CONNECTED))
                .and(INTEGRATION.CHANGED_AT.le(at))
                .execute();
    }

    @EventHandler
    void on(IntegrationRevokedEvent event) {
        OffsetDateTime at = utc(event.at());
        db.update(INTEGRATION)
                .set(INTEGRATION.STATUS, REVOKED)
                .set(INTEGRATION.REVOKED_AT, at)
                .set(INTEGRATION.REVOKE_REASON, event.reason())
                .set(INTEGRATION.CHANGED_AT, at)
                .where(INTEGRATION.INTEGRATION_ID.eq(event.integrationId().toString()))
                .and(INTEGRATION.CHANGED_AT.le(at))
                .execute();
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        db.deleteFrom(INTEGRATION).where(INTEGRATION.PERSON_ID.eq(event.personId().value())).execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(INTEGRATION).execute();
    }

    @QueryHandler
    public IntegrationsView handle(FindIntegrationsQuery query) {
        return new IntegrationsView(db.selectFrom(INTEGRATION)
                .where(INTEGRATION.PERSON_ID.eq(query.personId().value()))
                .orderBy(INTEGRATION.PROVIDER)
                .fetch(IntegrationProjection::toEntry));
    }

    static IntegrationsView.Entry toEntry(IntegrationRecord r) {
        Set<String> scopes = r.getScopes().isBlank() ? Set.of()
                : Arrays.stream(r.getScopes().split(" ")).collect(Collectors.toSet());
        return new IntegrationsView.Entry(IntegrationId.parse(r.getIntegrationId()), r.getProvider(), scopes,
                r.getVaultRef(), r.getStatus(), instant(r.getConnectedAt()), instant(r.getTokenRefreshedAt()),
                instant(r.getTokenExpiresAt()), instant(r.getRevokedAt()), r.getRevokeReason());
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}

package app.oo.query.consent;

import app.oo.query.platform.ViewTime;
import static app.oo.query.jooq.Tables.CONSENT;

import app.oo.domain.consent.ConsentGrantedEvent;
import app.oo.domain.consent.ConsentRevokedEvent;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.consent.ConsentsView;
import app.oo.domain.consent.FindConsentsQuery;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import app.oo.query.jooq.tables.records.ConsentRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Keeps {@code consent}: the latest grant or revocation per person and topic. */
@Component
@ProcessingGroup(ConsentProjection.GROUP)
public class ConsentProjection {

    public static final String GROUP = "consents";

    private final DSLContext db;

    public ConsentProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ConsentGrantedEvent event) {
        upsert(event.personId(), event.topic(), true, event.how(), event.policyVersion(), event.at());
    }

    @EventHandler
    void on(ConsentRevokedEvent event) {
        upsert(event.personId(), event.topic(), false, event.how(), event.policyVersion(), event.at());
    }

    /** Keyed by person and topic, and only a newer decision overwrites: a replay ends where it began. */
    private void upsert(PersonId personId, ConsentTopic topic, boolean granted, String how, String policyVersion,
                        Instant at) {
        OffsetDateTime when = ViewTime.utc(at);
        db.insertInto(CONSENT)
                .set(CONSENT.PERSON_ID, personId.value())
                .set(CONSENT.TOPIC, topic.wireName())
                .set(CONSENT.GRANTED, granted)
                .set(CONSENT.HOW, how)
                .set(CONSENT.POLICY_VERSION, policyVersion)
                .set(CONSENT.CHANGED_AT, when)
                .onConflict(CONSENT.PERSON_ID, CONSENT.TOPIC)
                .doUpdate()
                .set(CONSENT.GRANTED, granted)
                .set(CONSENT.HOW, how)
                .set(CONSENT.POLICY_VERSION, policyVersion)
                .set(CONSENT.CHANGED_AT, when)
                .where(CONSENT.CHANGED_AT.le(when))
                .execute();
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        db.deleteFrom(CONSENT).where(CONSENT.PERSON_ID.eq(event.personId().value())).execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(CONSENT).execute();
    }

    @QueryHandler
    public ConsentsView handle(FindConsentsQuery query) {
        Map<String, ConsentRecord> rows = db.selectFrom(CONSENT)
                .where(CONSENT.PERSON_ID.eq(query.personId().value()))
                .fetchMap(CONSENT.TOPIC);
        return new ConsentsView(Arrays.stream(ConsentTopic.values())
                .map(topic -> {
                    ConsentRecord row = rows.get(topic.wireName());
                    return row == null ? new ConsentsView.Entry(topic, false, null, null, null)
                            : new ConsentsView.Entry(topic, row.getGranted(), row.getHow(), row.getPolicyVersion(),
                            row.getChangedAt().toInstant());
                })
                .toList());
    }

}

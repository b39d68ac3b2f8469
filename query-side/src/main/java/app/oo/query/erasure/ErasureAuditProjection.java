package app.oo.query.erasure;

import app.oo.query.platform.ViewTime;
import static app.oo.query.jooq.Tables.ERASURE_AUDIT;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.when;

import app.oo.domain.erasure.ErasureAuditView;
import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.ErasuresView;
import app.oo.domain.erasure.FindErasureAuditQuery;
import app.oo.domain.erasure.FindErasuresQuery;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code erasure_audit}: one row per erasure and step, so the steps the erasure saga will
 * report (integration revoked, vault emptied, key shredded) land beside {@code requested} and
 * {@code completed}. A step seen again keeps its newest outcome. Unlike every other view it is not
 * purged by the erasure it records: it names only the pseudonymous person id.
 */
@Component
@ProcessingGroup(ErasureAuditProjection.GROUP)
public class ErasureAuditProjection {

    public static final String GROUP = "erasure-audit";
    public static final String REQUESTED = "requested";
    public static final String COMPLETED = "completed";

    private final DSLContext db;

    public ErasureAuditProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ErasureRequestedEvent event) {
        step(event.erasureId(), event.personId(), REQUESTED, "done", "requested by " + event.requestedBy(),
                event.at());
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        step(event.erasureId(), event.personId(), COMPLETED, "done", null, event.at());
    }

    private void step(UUID erasureId, PersonId personId, String step, String outcome, String detail, Instant at) {
        OffsetDateTime when = ViewTime.utc(at);
        db.insertInto(ERASURE_AUDIT)
                .set(ERASURE_AUDIT.ERASURE_ID, erasureId)
                .set(ERASURE_AUDIT.PERSON_ID, personId.value())
                .set(ERASURE_AUDIT.STEP, step)
                .set(ERASURE_AUDIT.OUTCOME, outcome)
                .set(ERASURE_AUDIT.DETAIL, detail)
                .set(ERASURE_AUDIT.AT, when)
                .onConflict(ERASURE_AUDIT.ERASURE_ID, ERASURE_AUDIT.STEP)
                .doUpdate()
                .set(ERASURE_AUDIT.OUTCOME, outcome)
                .set(ERASURE_AUDIT.DETAIL, detail)
                .set(ERASURE_AUDIT.AT, when)
                .where(ERASURE_AUDIT.AT.le(when))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(ERASURE_AUDIT).execute();
    }

    @QueryHandler
    public ErasureAuditView handle(FindErasureAuditQuery query) {
        return new ErasureAuditView(query.personId(), db.selectFrom(ERASURE_AUDIT)
                .where(ERASURE_AUDIT.PERSON_ID.eq(query.personId().value()))
                .orderBy(ERASURE_AUDIT.AT, ERASURE_AUDIT.STEP)
                .fetch(r -> new ErasureAuditView.Step(r.getErasureId(), r.getStep(), r.getOutcome(), r.getDetail(),
                        r.getAt().toInstant())));
    }

    @QueryHandler
    public ErasuresView handle(FindErasuresQuery query) {
        Field<OffsetDateTime> requested = min(when(ERASURE_AUDIT.STEP.eq(REQUESTED), ERASURE_AUDIT.AT));
        Field<OffsetDateTime> completed = max(when(ERASURE_AUDIT.STEP.eq(COMPLETED), ERASURE_AUDIT.AT));
        Field<OffsetDateTime> first = min(ERASURE_AUDIT.AT);
        return new ErasuresView(db.select(ERASURE_AUDIT.ERASURE_ID, ERASURE_AUDIT.PERSON_ID, requested, completed, first)
                .from(ERASURE_AUDIT)
                .groupBy(ERASURE_AUDIT.ERASURE_ID, ERASURE_AUDIT.PERSON_ID)
                .orderBy(first.desc(), ERASURE_AUDIT.ERASURE_ID)
                .limit(query.limit())
                .fetch(r -> new ErasuresView.Erasure(r.value1(), new PersonId(r.value2()),
                        r.value3() == null ? r.value5().toInstant() : r.value3().toInstant(),
                        r.value4() == null ? null : r.value4().toInstant())));
    }
}

package app.oo.query.decisionlog;

import static app.oo.query.platform.ViewTime.utc;
import static app.oo.query.jooq.Tables.DECISION_LOG;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.query.jooq.tables.records.DecisionLogRecord;
import app.oo.query.platform.BatchedWrites;
import app.oo.query.platform.DeferredWrites;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;

/**
 * One pseudonymous row per decision (the data set of ml/pipelines, contract in its README): the
 * context as the policy saw it, the candidates with their features (never their texts), the chosen
 * one with its propensity under the serving policy and version, the shadow's choice and propensity,
 * and the reward with when and by which reaction it came. Rows are keyed by the person's
 * pseudonymous key, so erasure deletes by that key.
 */
@Component
@DeferredWrites
@ProcessingGroup(DecisionLogProjection.GROUP)
public class DecisionLogProjection {

    public static final String GROUP = "decision-log";

    private final DSLContext db;
    private final ObjectMapper json;
    private final PersonKeys personKeys;
    private final BatchedWrites writes;

    public DecisionLogProjection(DSLContext db, ObjectMapper json, PersonKeys personKeys, BatchedWrites writes) {
        this.db = db;
        this.json = json;
        this.personKeys = personKeys;
        this.writes = writes;
    }

    @EventHandler
    void on(TipIssuedEvent event) throws JsonProcessingException {
        Decision d = event.decision();
        DecisionLogRecord row = db.newRecord(DECISION_LOG);
        row.setDecisionId(d.decisionId());
        row.setTipId(event.tipId().value());
        row.setPersonKey(personKeys.of(event.personId()));
        row.setDecidedAt(utc(event.issuedAt()));
        row.setContext(JSONB.valueOf(json.writeValueAsString(d.context())));
        row.setCandidates(JSONB.valueOf(json.writeValueAsString(d.candidates())));
        row.setChosenId(d.chosenId());
        row.setChosenCategory(event.category());
        row.setPropensity(d.propensity());
        row.setPropensityMethod(d.propensityMethod());
        row.setPolicy(d.policy());
        row.setPolicyVersion(d.policyVersion());
        row.setShadowPolicy(d.shadow() == null ? null : d.shadow().policy());
        row.setShadowPolicyVersion(d.shadow() == null ? null : d.shadow().policyVersion());
        row.setShadowChosenId(d.shadow() == null ? null : d.shadow().chosenId());
        row.setShadowPropensity(d.shadow() == null ? null : d.shadow().propensity());
        writes.insertIfAbsent(row);
    }

    /** The first reaction (final or snooze) is the decision's reward; later ones do not overwrite it. */
    @EventHandler
    void on(TipReactedEvent event) {
        writes.add(db.update(DECISION_LOG)
                .set(DECISION_LOG.REWARD, event.reward())
                .set(DECISION_LOG.REWARDED_AT, utc(event.at()))
                .set(DECISION_LOG.REACTION, event.reaction().wireName())
                .where(DECISION_LOG.DECISION_ID.eq(event.decisionId()))
                .and(DECISION_LOG.REWARD.isNull()));
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        writes.add(db.deleteFrom(DECISION_LOG).where(DECISION_LOG.PERSON_KEY.eq(personKeys.of(event.personId()))));
    }

    @ResetHandler
    void reset() {
        db.truncate(DECISION_LOG).execute();
    }
}

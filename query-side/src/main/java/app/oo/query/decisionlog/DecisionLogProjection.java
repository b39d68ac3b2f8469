package app.oo.query.decisionlog;

import static app.oo.query.jooq.Tables.DECISION_LOG;

import app.oo.domain.person.PersonKeys;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipReactedEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;

/** One pseudonymous row per decision, and its reward once the person reacts. */
@Component
@ProcessingGroup(DecisionLogProjection.GROUP)
public class DecisionLogProjection {

    public static final String GROUP = "decision-log";

    private final DSLContext db;
    private final ObjectMapper json;
    private final PersonKeys personKeys;

    public DecisionLogProjection(DSLContext db, ObjectMapper json, PersonKeys personKeys) {
        this.db = db;
        this.json = json;
        this.personKeys = personKeys;
    }

    @EventHandler
    void on(TipIssuedEvent event) throws JsonProcessingException {
        Decision d = event.decision();
        db.insertInto(DECISION_LOG)
                .set(DECISION_LOG.DECISION_ID, d.decisionId())
                .set(DECISION_LOG.TIP_ID, event.tipId().value())
                .set(DECISION_LOG.PERSON_KEY, personKeys.of(event.personId()))
                .set(DECISION_LOG.DECIDED_AT, event.issuedAt().atOffset(ZoneOffset.UTC))
                .set(DECISION_LOG.CONTEXT, JSONB.valueOf(json.writeValueAsString(d.context())))
                .set(DECISION_LOG.CANDIDATES, JSONB.valueOf(json.writeValueAsString(d.candidates())))
                .set(DECISION_LOG.CHOSEN_ID, d.chosenId())
                .set(DECISION_LOG.CHOSEN_CATEGORY, event.category())
                .set(DECISION_LOG.PROPENSITY, d.propensity())
                .set(DECISION_LOG.PROPENSITY_METHOD, d.propensityMethod())
                .set(DECISION_LOG.POLICY, d.policy())
                .set(DECISION_LOG.POLICY_VERSION, d.policyVersion())
                .set(DECISION_LOG.SHADOW_POLICY, d.shadow() == null ? null : d.shadow().policy())
                .set(DECISION_LOG.SHADOW_POLICY_VERSION, d.shadow() == null ? null : d.shadow().policyVersion())
                .set(DECISION_LOG.SHADOW_CHOSEN_ID, d.shadow() == null ? null : d.shadow().chosenId())
                .set(DECISION_LOG.SHADOW_PROPENSITY, d.shadow() == null ? null : d.shadow().propensity())
                .onConflictDoNothing()
                .execute();
    }

    /** The first final or snooze reaction is the decision's reward; later ones do not overwrite it. */
    @EventHandler
    void on(TipReactedEvent event) {
        db.update(DECISION_LOG)
                .set(DECISION_LOG.REWARD, event.reward())
                .set(DECISION_LOG.REWARDED_AT, event.at().atOffset(ZoneOffset.UTC))
                .where(DECISION_LOG.DECISION_ID.eq(event.decisionId()))
                .and(DECISION_LOG.REWARD.isNull())
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(DECISION_LOG).execute();
    }
}

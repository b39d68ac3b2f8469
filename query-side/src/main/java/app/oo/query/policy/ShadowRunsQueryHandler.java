package app.oo.query.policy;

import static app.oo.query.jooq.Tables.DECISION_LOG;
import static org.jooq.impl.DSL.avg;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import app.oo.domain.policy.FetchShadowRunsQuery;
import app.oo.domain.policy.PolicyRef;
import app.oo.domain.policy.ShadowRunStats;
import app.oo.domain.policy.ShadowRunsView;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * Each shadow run of the live {@code decision_log} beside its incumbent: how often the shadow chose
 * what was served, the incumbent's mean reward, and the shadow's inverse-propensity value on the
 * same rewarded decisions (reward × [shadow chose the served action] / served propensity; unbiased
 * because the shadow draws independently of the incumbent, ADR-0010).
 */
@Component
public class ShadowRunsQueryHandler {

    static final int MAX_RUNS = 50;

    private final DSLContext db;

    public ShadowRunsQueryHandler(DSLContext db) {
        this.db = db;
    }

    @QueryHandler
    public ShadowRunsView handle(FetchShadowRunsQuery query) {
        int limit = Math.max(1, Math.min(MAX_RUNS, query.limit()));
        Field<Integer> agreed = when(DECISION_LOG.SHADOW_CHOSEN_ID.eq(DECISION_LOG.CHOSEN_ID), 1).otherwise(0);
        Field<Double> shadowTerm = when(DECISION_LOG.REWARD.isNotNull()
                .and(DECISION_LOG.SHADOW_CHOSEN_ID.eq(DECISION_LOG.CHOSEN_ID)),
                DECISION_LOG.REWARD.div(DECISION_LOG.PROPENSITY)).otherwise(0.0);
        Field<BigDecimal> agreedSum = sum(agreed).as("agreed");
        Field<BigDecimal> shadowSum = sum(shadowTerm).as("shadow_sum");
        Field<Integer> decisions = count().as("decisions");
        Field<Integer> rewarded = count(DECISION_LOG.REWARD).as("rewarded");
        Field<BigDecimal> meanReward = avg(DECISION_LOG.REWARD).as("mean_reward");
        Field<OffsetDateTime> first = min(DECISION_LOG.DECIDED_AT).as("first_decided");
        Field<OffsetDateTime> last = max(DECISION_LOG.DECIDED_AT).as("last_decided");
        return new ShadowRunsView(db.select(DECISION_LOG.POLICY, DECISION_LOG.POLICY_VERSION,
                        DECISION_LOG.SHADOW_POLICY, DECISION_LOG.SHADOW_POLICY_VERSION, decisions, agreedSum, rewarded,
                        meanReward, shadowSum, first, last)
                .from(DECISION_LOG)
                .where(DECISION_LOG.SHADOW_POLICY.isNotNull())
                .and(DECISION_LOG.SHADOW_POLICY_VERSION.isNotNull())
                .groupBy(DECISION_LOG.POLICY, DECISION_LOG.POLICY_VERSION, DECISION_LOG.SHADOW_POLICY,
                        DECISION_LOG.SHADOW_POLICY_VERSION)
                .orderBy(last.desc())
                .limit(limit)
                .fetch(r -> {
                    long n = r.get(decisions);
                    long withReward = r.get(rewarded);
                    return new ShadowRunStats(
                            new PolicyRef(r.get(DECISION_LOG.POLICY), r.get(DECISION_LOG.POLICY_VERSION)),
                            new PolicyRef(r.get(DECISION_LOG.SHADOW_POLICY), r.get(DECISION_LOG.SHADOW_POLICY_VERSION)),
                            n, n == 0 ? 0.0 : r.get(agreedSum).doubleValue() / n, withReward,
                            withReward == 0 ? null : r.get(meanReward).doubleValue(),
                            withReward == 0 ? null : r.get(shadowSum).doubleValue() / withReward,
                            r.get(first).toInstant(), r.get(last).toInstant());
                }));
    }
}

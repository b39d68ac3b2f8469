package app.oo.domain.policy;

import java.util.List;
import java.util.Map;

/**
 * The evidence a promotion rests on, read from one simulation's {@code summary.json}: the gate's
 * verdict for the candidate with every check, the offline and shadow numbers behind it, and the
 * thresholds the gate applied (ADR-0011; an analyst's override shows here).
 *
 * @param simulationId the simulation run
 * @param source       where the simulation read the decision log ({@code postgresql public.decision_log})
 * @param promote      the gate's verdict
 * @param checks       every check of the verdict, passed or not
 * @param offline      null when the simulation had no offline estimate
 * @param shadow       null when the log held no shadow run of the candidate
 * @param thresholds   the gate's thresholds as written in the summary
 */
public record PromotionEvidence(String simulationId, String source, boolean promote, List<GateCheck> checks,
                                OfflineEvidence offline, ShadowEvidence shadow, Map<String, String> thresholds) {

    public PromotionEvidence {
        checks = checks == null ? List.of() : List.copyOf(checks);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }
}

package app.oo.domain.tip;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The decision behind a tip: the context as used, the candidates, the chosen one, its propensity
 * under the serving policy and the shadow's choice. This is the row offline simulation learns from.
 *
 * @param propensityMethod {@code exact} or {@code monte-carlo}
 * @param shadow           null when no shadow ran (the fallback)
 */
public record Decision(UUID decisionId, String policy, String policyVersion, double propensity,
                       String propensityMethod, String chosenId, Map<String, Double> context,
                       List<CandidateFeatures> candidates, ShadowChoice shadow) {

    public static final String FALLBACK_POLICY = "fallback";

    public Decision {
        context = context == null ? Map.of() : Map.copyOf(context);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        if (!(propensity > 0.0 && propensity <= 1.0)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], was " + propensity);
        }
    }
}

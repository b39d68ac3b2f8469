package app.oo.domain.tip;

import java.util.Map;

/** One candidate the policy chose among, without its text: what offline evaluation needs. */
public record CandidateFeatures(String id, TipKind kind, String category, Map<String, Double> features) {

    public CandidateFeatures {
        features = features == null ? Map.of() : Map.copyOf(features);
    }
}

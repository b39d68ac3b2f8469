package app.oo.sagas.ml;

import java.util.Map;

/** A candidate tip proposed by ml/serving; the text lives only as long as the decision needs it. */
public record Candidate(String id, String text, String kind, String category, Map<String, Double> features) {

    public Candidate {
        features = features == null ? Map.of() : Map.copyOf(features);
    }
}

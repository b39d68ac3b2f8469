package app.oo.sagas.ml;

import java.util.UUID;

/** The policy's choice with its propensity, and the shadow policy's choice (logged, never served). */
public record RankResponse(UUID decisionId, String chosenId, double propensity, String propensityMethod,
                           String policy, String policyVersion, Shadow shadow) {

    public static final String NOT_NOW = "not-now";

    /** The shadow policy's choice. */
    public record Shadow(String chosenId, double propensity, String policy, String policyVersion) {
    }
}

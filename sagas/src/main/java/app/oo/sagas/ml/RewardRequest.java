package app.oo.sagas.ml;

import java.util.UUID;

/** The reward of a decision, in [0, 1]. */
public record RewardRequest(UUID decisionId, double reward) {
}

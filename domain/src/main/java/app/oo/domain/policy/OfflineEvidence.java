package app.oo.domain.policy;

/**
 * What the offline simulation said of the candidate, on the same decisions as the incumbent.
 *
 * @param spec                the candidate's policy spec in the simulation ({@code epsilon-greedy:eps=0.1})
 * @param estimator           the estimator the gate used ({@code dr} or {@code snips})
 * @param candidate           the candidate's estimated value
 * @param effectiveSampleSize Kish's effective sample size of that estimate
 * @param incumbentPolicy     the logging policy as the simulation saw it ({@code linear-ts@1})
 * @param incumbent           the incumbent's on-policy value on the same decisions
 */
public record OfflineEvidence(String spec, String estimator, Estimate candidate, double effectiveSampleSize,
                              String incumbentPolicy, Estimate incumbent) {
}

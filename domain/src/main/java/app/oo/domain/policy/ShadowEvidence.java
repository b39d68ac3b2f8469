package app.oo.domain.policy;

/**
 * What the candidate's online shadow run showed, from the decision log the simulation read.
 *
 * @param label             the shadow run, {@code name@version}
 * @param rewarded          rewarded decisions of the run
 * @param agreement         share of decisions where the shadow chose the served action
 * @param estimator         the estimator of {@code value}
 * @param value             the shadow's estimated value
 * @param incumbentOnSameDecisions the incumbent's value on the same decisions
 */
public record ShadowEvidence(String label, long rewarded, double agreement, String estimator, Estimate value,
                             Estimate incumbentOnSameDecisions) {
}

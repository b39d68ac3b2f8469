package app.oo.domain.policy;

/** A value estimate with its 95 % bootstrap interval, as ml/pipelines reports it. */
public record Estimate(double estimate, double ciLow, double ciHigh) {
}

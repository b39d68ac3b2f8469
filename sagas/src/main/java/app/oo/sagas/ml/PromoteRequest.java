package app.oo.sagas.ml;

/** Serve the named policy, which must be ml/serving's current shadow, from now on. */
public record PromoteRequest(String policy) {
}

package app.oo.sagas.erasure;

/** What one step did: an outcome of {@code ErasureStepRecordedEvent} and a detail without personal data. */
public record StepOutcome(ErasureStep step, String outcome, String detail) {
}

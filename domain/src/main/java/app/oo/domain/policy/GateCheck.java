package app.oo.domain.policy;

/** One check of the promotion gate (ml/pipelines/gate.py) with its numbers in {@code detail}. */
public record GateCheck(String name, boolean passed, String detail) {
}

package app.oo.domain.tip;

/** What the shadow policy would have chosen: logged for evaluation, never served. */
public record ShadowChoice(String policy, String policyVersion, String chosenId, double propensity) {
}

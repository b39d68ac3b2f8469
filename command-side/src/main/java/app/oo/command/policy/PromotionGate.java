package app.oo.command.policy;

import app.oo.domain.policy.GateCheck;
import app.oo.domain.policy.PolicyRef;
import app.oo.domain.policy.PromotePolicyCommand;
import app.oo.domain.policy.PromotionEvidence;
import app.oo.domain.policy.PromotionRefusedException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shadow-first promotion (seed ADR-0002, ADR-0011): only ml/serving's current shadow may be
 * promoted, only on a simulation whose gate verdict for it passes every check, only when that
 * verdict's shadow evidence is about the very version now in the shadow, and a simulation's
 * evidence promotes once. The thresholds are not repeated here: ml/pipelines' gate.py applies
 * them and writes each check's numbers into {@code summary.json}; this rule demands that all of
 * its checks are present and passed.
 */
final class PromotionGate {

    /** The checks of gate.py's {@code promotion_verdict}; a verdict missing one is not a verdict. */
    static final List<String> GATE_CHECKS = List.of("offline_lower_bound_beats_incumbent",
            "offline_effective_sample_size", "shadow_ran", "shadow_agreement", "shadow_value_not_worse",
            "offline_and_shadow_agree");

    private PromotionGate() {
    }

    /**
     * @param lastPromoted    the shadow the registry last promoted, as it was named then; null if none
     * @param usedSimulations simulations whose evidence already promoted a policy
     * @throws PromotionRefusedException naming the first rule that fails, with its numbers
     */
    static void check(PromotePolicyCommand command, PolicyRef lastPromoted, Set<String> usedSimulations) {
        PolicyRef shadow = command.currentShadow();
        if (shadow == null || command.currentIncumbent() == null) {
            throw new PromotionRefusedException("serving_policies_known",
                    "ml/serving's current incumbent and shadow are needed to promote");
        }
        if (!shadow.name().equals(command.policy())) {
            throw new PromotionRefusedException("policy_is_shadow", "'" + command.policy()
                    + "' is not ml/serving's shadow: the shadow is " + shadow + ", the incumbent "
                    + command.currentIncumbent() + "; only the shadow can be promoted");
        }
        if (shadow.equals(lastPromoted)) {
            throw new PromotionRefusedException("not_already_promoted", shadow
                    + " is already promoted and on its way to ml/serving");
        }
        PromotionEvidence evidence = command.evidence();
        if (evidence == null) {
            throw new PromotionRefusedException("gate_verdict_found", "simulation " + command.simulationId()
                    + " has no gate verdict for '" + command.policy() + "': evaluate a candidate matched to its"
                    + " shadow run (shadowMatch)");
        }
        if (usedSimulations.contains(evidence.simulationId())) {
            throw new PromotionRefusedException("evidence_unused", "simulation " + evidence.simulationId()
                    + " already promoted a policy; run a new simulation on the current log");
        }
        Set<String> present = evidence.checks().stream().map(GateCheck::name).collect(Collectors.toSet());
        List<String> missing = GATE_CHECKS.stream().filter(c -> !present.contains(c)).toList();
        List<GateCheck> failed = evidence.checks().stream().filter(c -> !c.passed()).toList();
        if (!failed.isEmpty()) {
            GateCheck first = failed.get(0);
            throw new PromotionRefusedException(first.name(), first.detail(), failed);
        }
        if (!missing.isEmpty()) {
            throw new PromotionRefusedException("gate_complete", "the verdict lacks the checks " + missing
                    + " (an older or foreign summary.json)");
        }
        if (!evidence.promote()) {
            throw new PromotionRefusedException("gate_verdict_promotes", "the gate's verdict is to hold");
        }
        String evidenced = evidence.shadow() == null ? "none" : evidence.shadow().label();
        if (!shadow.toString().equals(evidenced)) {
            throw new PromotionRefusedException("shadow_evidence_current", "the simulation's shadow evidence is"
                    + " for " + evidenced + " but ml/serving's shadow is " + shadow
                    + "; simulate again on decisions of the current shadow");
        }
    }
}

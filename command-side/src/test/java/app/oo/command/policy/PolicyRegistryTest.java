package app.oo.command.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.domain.policy.Estimate;
import app.oo.domain.policy.GateCheck;
import app.oo.domain.policy.OfflineEvidence;
import app.oo.domain.policy.PolicyPromotedEvent;
import app.oo.domain.policy.PolicyRef;
import app.oo.domain.policy.PromotePolicyCommand;
import app.oo.domain.policy.PromotionEvidence;
import app.oo.domain.policy.PromotionRefusedException;
import app.oo.domain.policy.ShadowEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyRegistryTest {

    private static final String REGISTRY = PromotePolicyCommand.REGISTRY_ID;
    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final PolicyRef INCUMBENT = new PolicyRef("linear-ts", "1");
    private static final PolicyRef SHADOW = new PolicyRef("ridge-egreedy", "2");

    private FixtureConfiguration<PolicyRegistry> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PolicyRegistry.class);
    }

    private static List<GateCheck> passingChecks() {
        List<GateCheck> checks = new ArrayList<>();
        for (String name : PromotionGate.GATE_CHECKS) {
            checks.add(new GateCheck(name, true, name + " passed"));
        }
        return checks;
    }

    private static PromotionEvidence evidence(String simulationId, String shadowLabel, boolean promote,
                                              List<GateCheck> checks) {
        return new PromotionEvidence(simulationId, "postgresql public.decision_log", promote, checks,
                new OfflineEvidence("epsilon-greedy:eps=0.1", "dr", new Estimate(0.64, 0.61, 0.68), 701,
                        "linear-ts@1", new Estimate(0.57, 0.55, 0.59)),
                new ShadowEvidence(shadowLabel, 3620, 0.35, "dr", new Estimate(0.66, 0.64, 0.69),
                        new Estimate(0.57, 0.55, 0.6)),
                Map.of("minShadowAgreement", "0.3"));
    }

    private static PromotePolicyCommand promote(String policy, PolicyRef incumbent, PolicyRef shadow,
                                                PromotionEvidence evidence) {
        return new PromotePolicyCommand(REGISTRY, policy, incumbent, shadow,
                evidence == null ? "sim-x" : evidence.simulationId(), evidence, "analyst", AT);
    }

    private static PolicyPromotedEvent promoted(PromotionEvidence evidence) {
        return new PolicyPromotedEvent(REGISTRY, SHADOW, INCUMBENT, evidence.simulationId(), evidence, "analyst", AT);
    }

    @Test
    void promotesTheShadowWhenEveryGateCheckPassesAndRecordsTheEvidence() {
        PromotionEvidence evidence = evidence("sim-1", "ridge-egreedy@2", true, passingChecks());
        fixture.givenNoPriorActivity()
                .when(promote("ridge-egreedy", INCUMBENT, SHADOW, evidence))
                .expectSuccessfulHandlerExecution()
                .expectEvents(promoted(evidence));
    }

    @Test
    void refusesWhenTheOfflineLowerBoundDoesNotBeatTheIncumbentNamingTheCheckAndItsNumbers() {
        List<GateCheck> checks = passingChecks();
        checks.set(0, new GateCheck("offline_lower_bound_beats_incumbent", false,
                "offline dr 95% CI lower bound 0.5899 vs incumbent 0.6090 + min lift 0"));
        fixture.givenNoPriorActivity()
                .when(promote("ridge-egreedy", INCUMBENT, SHADOW, evidence("sim-1", "ridge-egreedy@2", false, checks)))
                .expectNoEvents()
                .expectException(PromotionRefusedException.class)
                .expectExceptionMessage("promotion refused by offline_lower_bound_beats_incumbent: offline dr 95% CI"
                        + " lower bound 0.5899 vs incumbent 0.6090 + min lift 0");
    }

    @Test
    void refusesWhenTheShadowAgreesTooRarelyAndListsEveryFailedCheck() {
        List<GateCheck> checks = passingChecks();
        checks.set(2, new GateCheck("shadow_ran", false, "shadow ridge-egreedy@2 has 135 rewarded decisions (minimum 200)"));
        checks.set(3, new GateCheck("shadow_agreement", false, "shadow agrees with the incumbent on 12.0% of decisions (minimum 30%)"));
        PromotePolicyCommand command = promote("ridge-egreedy", INCUMBENT, SHADOW,
                evidence("sim-1", "ridge-egreedy@2", false, checks));
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectExceptionMessage("promotion refused by shadow_ran: shadow ridge-egreedy@2 has 135 rewarded"
                        + " decisions (minimum 200)");
        assertThatThrownBy(() -> PromotionGate.check(command, null, Set.of()))
                .isInstanceOfSatisfying(PromotionRefusedException.class, refusal -> assertThat(refusal.failed())
                        .extracting(GateCheck::name).containsExactly("shadow_ran", "shadow_agreement"));
    }

    @Test
    void refusesAPolicyThatIsNotTheCurrentShadow() {
        fixture.givenNoPriorActivity()
                .when(promote("linear-ts", INCUMBENT, SHADOW, evidence("sim-1", "linear-ts@1", true, passingChecks())))
                .expectNoEvents()
                .expectExceptionMessage("promotion refused by policy_is_shadow: 'linear-ts' is not ml/serving's"
                        + " shadow: the shadow is ridge-egreedy@2, the incumbent linear-ts@1; only the shadow can be promoted");
    }

    @Test
    void refusesWhenTheSimulationHasNoVerdictForThePolicy() {
        fixture.givenNoPriorActivity()
                .when(promote("ridge-egreedy", INCUMBENT, SHADOW, null))
                .expectNoEvents()
                .expectException(PromotionRefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("promotion refused by gate_verdict_found"));
    }

    @Test
    void refusesEvidenceAboutAnotherVersionOfTheShadow() {
        fixture.givenNoPriorActivity()
                .when(promote("ridge-egreedy", INCUMBENT, SHADOW, evidence("sim-1", "ridge-egreedy@7", true, passingChecks())))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("promotion refused by shadow_evidence_current:"
                        + " the simulation's shadow evidence is for ridge-egreedy@7 but ml/serving's shadow is ridge-egreedy@2"));
    }

    @Test
    void refusesAVerdictThatLacksAGateCheck() {
        List<GateCheck> checks = passingChecks();
        checks.remove(checks.size() - 1);
        fixture.givenNoPriorActivity()
                .when(promote("ridge-egreedy", INCUMBENT, SHADOW, evidence("sim-1", "ridge-egreedy@2", true, checks)))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("promotion refused by gate_complete"));
    }

    @Test
    void refusesToPromoteTheSameShadowVersionTwice() {
        PromotionEvidence first = evidence("sim-1", "ridge-egreedy@2", true, passingChecks());
        fixture.given(promoted(first))
                .when(promote("ridge-egreedy", INCUMBENT, SHADOW, evidence("sim-2", "ridge-egreedy@2", true, passingChecks())))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("promotion refused by not_already_promoted"));
    }

    @Test
    void refusesToReuseASimulationsEvidence() {
        PromotionEvidence first = evidence("sim-1", "ridge-egreedy@2", true, passingChecks());
        PolicyRef nowIncumbent = new PolicyRef("ridge-egreedy", "3");
        PolicyRef nowShadow = new PolicyRef("linear-ts", "4");
        fixture.given(promoted(first))
                .when(promote("linear-ts", nowIncumbent, nowShadow, evidence("sim-1", "linear-ts@4", true, passingChecks())))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("promotion refused by evidence_unused"));
    }

    @Test
    void promotesTheFormerIncumbentBackOnNewEvidence() {
        PromotionEvidence first = evidence("sim-1", "ridge-egreedy@2", true, passingChecks());
        PolicyRef nowIncumbent = new PolicyRef("ridge-egreedy", "3");
        PolicyRef nowShadow = new PolicyRef("linear-ts", "4");
        PromotionEvidence second = evidence("sim-2", "linear-ts@4", true, passingChecks());
        fixture.given(promoted(first))
                .when(promote("linear-ts", nowIncumbent, nowShadow, second))
                .expectEvents(new PolicyPromotedEvent(REGISTRY, nowShadow, nowIncumbent, "sim-2", second, "analyst", AT));
    }

    @Test
    void theRefusalCarriesTheCheckNameSeparately() {
        PromotionRefusedException refusal = new PromotionRefusedException("shadow_agreement", "12% (minimum 30%)");
        assertThat(refusal.check()).isEqualTo("shadow_agreement");
        assertThat(refusal.failed()).containsExactly(new GateCheck("shadow_agreement", false, "12% (minimum 30%)"));
    }
}

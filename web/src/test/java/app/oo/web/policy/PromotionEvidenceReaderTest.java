package app.oo.web.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.oo.domain.policy.GateCheck;
import app.oo.domain.policy.PromotionEvidence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads a real summary.json of ml/pipelines (4000 synthetic decisions, two candidates). */
class PromotionEvidenceReaderTest {

    private static JsonNode summary;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = PromotionEvidenceReaderTest.class.getResourceAsStream("/simulation/summary-promote.json")) {
            summary = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theVerdictWhoseShadowRunIsThePolicysStandsForIt() {
        PromotionEvidence evidence = PromotionEvidenceReader.read(summary, "sim-1", "ridge-egreedy", null);

        assertThat(evidence.promote()).isTrue();
        assertThat(evidence.simulationId()).isEqualTo("sim-1");
        assertThat(evidence.source()).isEqualTo("postgresql public.decision_log");
        assertThat(evidence.checks()).extracting(GateCheck::name).containsExactly("offline_lower_bound_beats_incumbent",
                "offline_effective_sample_size", "shadow_ran", "shadow_agreement", "shadow_value_not_worse",
                "offline_and_shadow_agree");
        assertThat(evidence.offline().spec()).isEqualTo("epsilon-greedy:eps=0.1");
        assertThat(evidence.offline().estimator()).isEqualTo("dr");
        assertThat(evidence.offline().candidate().ciLow()).isCloseTo(0.6171, within(1e-4));
        assertThat(evidence.offline().incumbent().estimate()).isCloseTo(0.5684, within(1e-4));
        assertThat(evidence.offline().incumbentPolicy()).isEqualTo("linear-ts@1");
        assertThat(evidence.shadow().label()).isEqualTo("ridge-egreedy@1");
        assertThat(evidence.shadow().rewarded()).isEqualTo(3620);
        assertThat(evidence.shadow().agreement()).isCloseTo(0.3525, within(1e-4));
        assertThat(evidence.shadow().value().estimate()).isCloseTo(0.6670, within(1e-4));
        assertThat(evidence.thresholds()).containsEntry("estimators", "dr/snips").containsEntry("minShadowAgreement", "0.3");
    }

    @Test
    void aNamedSpecIsTakenAsItIsWithItsFailedChecks() {
        PromotionEvidence evidence = PromotionEvidenceReader.read(summary, "sim-1", "ridge-egreedy", "uniform");

        assertThat(evidence.promote()).isFalse();
        assertThat(evidence.shadow()).isNull();
        assertThat(evidence.checks()).filteredOn(c -> !c.passed()).extracting(GateCheck::name)
                .containsExactly("offline_lower_bound_beats_incumbent", "shadow_ran");
    }

    @Test
    void aPolicyWithoutAVerdictHasNoEvidence() {
        assertThat(PromotionEvidenceReader.read(summary, "sim-1", "linear-ts", null)).isNull();
        assertThat(PromotionEvidenceReader.read(summary, "sim-1", "ridge-egreedy", "lints")).isNull();
    }
}

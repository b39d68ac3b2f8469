package app.oo.web.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void readsStageDoneTotalRateAndEtaOfABar() {
        ProgressLine line = ProgressLine.parse(
                "bootstrap      [############............] 512/1000  51.2% 2,054/s ETA 0:01:05").orElseThrow();

        assertThat(line).isEqualTo(new ProgressLine("bootstrap", 512, 1000L, 2054.0, 65L, false));
    }

    @Test
    void aStageThatEndedSaysDoneInsteadOfAnEta() {
        ProgressLine line = ProgressLine.parse(
                "reward model   [########################] 2739/2739 100.0% 25,760/s done in 0:00:00").orElseThrow();

        assertThat(line.stage()).isEqualTo("reward model");
        assertThat(line.finished()).isTrue();
        assertThat(line.etaSeconds()).isNull();
    }

    @Test
    void aStageWithoutATotalHasNoEta() {
        ProgressLine line = ProgressLine.parse("load postgres  40/? 3.5/s ETA ?").orElseThrow();

        assertThat(line).isEqualTo(new ProgressLine("load postgres", 40, null, 3.5, null, false));
    }

    @Test
    void otherLinesAreNotProgress() {
        assertThat(ProgressLine.parse("error: public.decision_log row 3: field 'propensity' must be in (0, 1]"))
                .isEmpty();
        assertThat(ProgressLine.parse("Traceback (most recent call last):")).isEmpty();
        assertThat(ProgressLine.parse("")).isEmpty();
    }

    @Test
    void progressKeepsTheFinishedStagesAndThePercentOfTheCurrentOne() {
        SimulationProgress progress = SimulationProgress.NONE
                .after("featurise      [########################] 3000/3000 100.0% 13,224/s done in 0:00:00")
                .after("not a progress line")
                .after("bootstrap      [######..................] 250/1000  25.0% 3,960/s ETA 0:00:03");

        assertThat(progress.stage()).isEqualTo("bootstrap");
        assertThat(progress.percent()).isEqualTo(25.0);
        assertThat(progress.etaSeconds()).isEqualTo(3L);
        assertThat(progress.stagesDone()).containsExactly("featurise");
    }
}

package app.oo.web.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with a stand-in for Python: a shell script that talks like ml/pipelines (progress on
 * stderr, summary.json into --out, "error: …" and exit code 2 on bad input).
 */
class SimulationRunnerTest {

    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SimulationRunner runner(String script, Duration timeout) throws IOException {
        Path fake = dataDir.resolve("fake-python");
        Files.writeString(fake, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        SimulationProperties props = new SimulationProperties(null, null, timeout, 1, 2, 0);
        return new SimulationRunner(props, fake.toString(), dataDir,
                () -> new PostgresDsn("postgresql://postgres@localhost:1/postgres", "pw"), json, Clock.systemUTC());
    }

    private static final String SUCCEEDS = """
            for last; do :; done
            echo "featurise      [########################] 30/30 100.0% 1,000/s done in 0:00:00" >&2
            echo "bootstrap      [######..................] 250/1000  25.0% 3,960/s ETA 0:00:03" >&2
            [ "$PGPASSWORD" = pw ] || { echo "error: no password" >&2; exit 2; }
            echo '{"gate":{"verdicts":{}}}' > "$last/summary.json"
            echo '<html></html>' > "$last/report.html"
            """;

    private static SimulationRun awaitEnd(SimulationRunner runner, String id) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            SimulationRun run = runner.find(id).orElseThrow();
            if (run.status().finished()) {
                return run;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run did not end");
    }

    private static SimulationRequest request() {
        return new SimulationRequest(null, List.of("uniform"), Map.of(), Map.of(), null, null).validated();
    }

    @Test
    void aRunSucceedsWithItsProgressAndItsFiles() throws Exception {
        SimulationRunner runner = runner(SUCCEEDS, Duration.ofSeconds(20));

        SimulationRun queued = runner.start(request(), "analyst");
        SimulationRun ended = awaitEnd(runner, queued.id());

        assertThat(queued.id()).matches(SimulationRunner.ID);
        assertThat(ended.status()).isEqualTo(SimulationStatus.SUCCEEDED);
        assertThat(ended.exitCode()).isZero();
        assertThat(ended.progress().stage()).isEqualTo("bootstrap");
        assertThat(ended.progress().stagesDone()).containsExactly("featurise");
        assertThat(runner.file(queued.id(), SimulationRunner.REPORT)).isPresent();
        assertThat(runner.file(queued.id(), SimulationRunner.SUMMARY)).isPresent();
        assertThat(runner.file("../" + queued.id(), SimulationRunner.SUMMARY)).isEmpty();
        runner.destroy();
    }

    @Test
    void aRunThatMlPipelinesRefusesFailsWithItsMessage() throws Exception {
        SimulationRunner runner = runner("""
                echo "error: public.decision_log row 3: field 'propensity' must be in (0, 1], got 0.0" >&2
                exit 2
                """, Duration.ofSeconds(20));

        SimulationRun ended = awaitEnd(runner, runner.start(request(), "analyst").id());

        assertThat(ended.status()).isEqualTo(SimulationStatus.FAILED);
        assertThat(ended.exitCode()).isEqualTo(2);
        assertThat(ended.error()).isEqualTo("public.decision_log row 3: field 'propensity' must be in (0, 1], got 0.0"
                + " (exit code 2)");
        assertThat(runner.file(ended.id(), SimulationRunner.REPORT)).isEmpty();
        runner.destroy();
    }

    @Test
    void aRunOverItsTimeLimitIsStopped() throws Exception {
        SimulationRunner runner = runner("exec sleep 30\n", Duration.ofMillis(500));

        SimulationRun ended = awaitEnd(runner, runner.start(request(), "analyst").id());

        assertThat(ended.status()).isEqualTo(SimulationStatus.FAILED);
        assertThat(ended.error()).startsWith("stopped after the time limit");
        runner.destroy();
    }

    @Test
    void runsAreListedAgainAfterARestartAndOneCutShortIsInterrupted() throws Exception {
        SimulationRunner first = runner(SUCCEEDS, Duration.ofSeconds(20));
        String done = awaitEnd(first, first.start(request(), "analyst").id()).id();
        first.destroy();
        SimulationRunner second = runner("exec sleep 30\n", Duration.ofSeconds(20));
        String cut = second.start(request(), "analyst").id();
        second.destroy();

        SimulationRunner third = runner(SUCCEEDS, Duration.ofSeconds(20));

        assertThat(third.list()).extracting(SimulationRun::id).containsExactly(cut, done);
        assertThat(third.find(done).orElseThrow().status()).isEqualTo(SimulationStatus.SUCCEEDED);
        assertThat(third.find(cut).orElseThrow().status()).isEqualTo(SimulationStatus.INTERRUPTED);
        third.destroy();
    }
}

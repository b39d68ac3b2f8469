package app.oo.mlbridge;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.sagas.ml.GenerateRequest;
import app.oo.sagas.ml.GenerateResponse;
import app.oo.sagas.ml.RankRequest;
import app.oo.sagas.ml.RankResponse;
import app.oo.sagas.ml.RewardRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bundled ml/serving, started as the app starts it, answers the bridge as the contract says. */
class LocalMlServingIT {

    @Test
    void generateRankAndRewardAgainstTheRealProcessThenItStopsWithItsOwner() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "ml-");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        LocalMlServingProcess process = LocalMlServingProcess.start("/usr/bin/python3", dir.resolve("runtime"),
                dir.resolve("state"), Duration.ofSeconds(90));
        try {
            MlBridgeProperties props = new MlBridgeProperties(null, "/usr/bin/python3", null, Duration.ofSeconds(5),
                    Duration.ofMillis(500), Duration.ofSeconds(5), 2, Duration.ofMillis(50), 5, Duration.ofSeconds(5));
            OkHttpMlServing ml = new OkHttpMlServing(process::baseUrl, props, scheduler, Clock.systemUTC());
            assertThat(ml.isUp()).isTrue();

            Map<String, Double> context = Map.of("tasksOverdue", 2.0, "localHour", 9.0, "moodMean7d", 2.0);
            GenerateResponse generated = ml.generate(new GenerateRequest("person-key", context, List.of(), 5))
                    .get(10, TimeUnit.SECONDS);
            assertThat(generated.candidates()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(generated.candidates()).anySatisfy(c -> assertThat(c.category()).isEqualTo("overdue-task"));

            UUID decisionId = UUID.randomUUID();
            RankResponse ranked = ml.rank(new RankRequest(decisionId, "person-key", context, generated.candidates(),
                    false)).get(10, TimeUnit.SECONDS);
            assertThat(ranked.decisionId()).isEqualTo(decisionId);
            assertThat(generated.candidates()).anySatisfy(c -> assertThat(c.id()).isEqualTo(ranked.chosenId()));
            assertThat(ranked.propensity()).isBetween(0.0, 1.0).isGreaterThan(0.0);
            assertThat(ranked.shadow()).isNotNull();

            assertThat(ml.reward(new RewardRequest(decisionId, 1.0)).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ml.reward(new RewardRequest(decisionId, 1.0)).get(10, TimeUnit.SECONDS))
                    .as("a decision's reward is applied once").isFalse();
        } finally {
            process.close();
            scheduler.shutdownNow();
        }
        assertThat(process.isAlive()).isFalse();
    }
}

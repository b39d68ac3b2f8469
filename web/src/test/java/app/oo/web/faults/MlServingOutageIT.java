package app.oo.web.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.mlbridge.LocalMlServingProcess;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bundled ml/serving is killed under the running app: every tip asked for meanwhile still
 * comes (the fallback rules), and once ml/serving is back on the same port, ranked tips resume
 * without restarting the app (the circuit breaker's half-open trial closes it again). The test
 * starts the replacement itself, with the very command line the app used, and leaves it running
 * for the other tests of the shared context.
 */
class MlServingOutageIT extends OoIntegrationTest {

    private static final Path REPLACEMENT_LOG = Path.of(System.getProperty("oo.data-dir"), "ml-replacement.log");

    @Autowired
    LocalMlServingProcess ml;

    @Test
    void tipsKeepComingWhileMlServingIsDownAndRankedTipsResumeWhenItReturns() throws Exception {
        ProcessHandle uvicorn = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains("uvicorn"))
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args)).orElse("")
                        .contains(String.valueOf(URI.create(ml.baseUrl()).getPort())))
                .findFirst().orElseThrow(() -> new AssertionError("no ml/serving process at " + ml.baseUrl()));
        List<String> commandLine = new ArrayList<>();
        commandLine.add(uvicorn.info().command().orElseThrow());
        commandLine.addAll(List.of(uvicorn.info().arguments().orElseThrow()));
        await("ml/serving ranks before the fault").atMost(Duration.ofSeconds(60))
                .until(() -> !"fallback".equals(rankedTipOfANewPerson()));

        uvicorn.destroyForcibly();
        uvicorn.onExit().get(30, TimeUnit.SECONDS);
        assertThat(answersHealth()).isFalse();

        for (int i = 0; i < 3; i++) {
            assertThat(rankedTipOfANewPerson()).as("tip %d while ml/serving is down", i).isEqualTo("fallback");
        }

        Process replacement = restart(commandLine);
        try {
            await("ml/serving back on " + ml.baseUrl()).atMost(Duration.ofSeconds(120)).until(this::answersHealth);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("ml/serving (" + String.join(" ", commandLine) + ") did not come back; "
                    + (replacement.isAlive() ? "still starting" : "exited with " + replacement.exitValue())
                    + ":\n" + Files.readString(REPLACEMENT_LOG), e);
        }
        await("ranked tips again, the app not restarted").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !"fallback".equals(rankedTipOfANewPerson()));
        assertThat(replacement.isAlive()).isTrue();
    }

    /** The policy that chose a fresh person's first tip. */
    private String rankedTipOfANewPerson() {
        OoClient.Person person = newPerson();
        OoClient.Response tip = person.post("/recommend", "");
        assertThat(tip.status()).as("a tip always comes: %s", tip.body()).isEqualTo(200);
        return tip.json().path("tip").path("policy").asText();
    }

    private static Process restart(List<String> commandLine) throws IOException {
        Path dataDir = Path.of(System.getProperty("oo.data-dir"));
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .directory(dataDir.resolve("ml-runtime").toFile())
                .redirectErrorStream(true)
                .redirectOutput(REPLACEMENT_LOG.toFile());
        builder.environment().put("OO_ML_STATE_DIR", dataDir.resolve("ml-state").toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        // The app's own handle on ml/serving is the killed process: this one stops with the test JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return process;
    }

    private boolean answersHealth() {
        try {
            // HTTP/1.1: uvicorn does not answer the JDK's default h2c upgrade request.
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(ml.baseUrl() + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}

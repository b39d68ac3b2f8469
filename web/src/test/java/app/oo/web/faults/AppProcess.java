package app.oo.web.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app ({@code web/target/oo.jar}, built by the package phase before Failsafe runs) as
 * a child process, started the way the README says: {@code OO_DATA_DIR}, {@code PORT},
 * {@code OO_DATABASE_URL}, {@code OO_ML_URL}. Its output goes to a log file in its data directory,
 * quoted when it fails to start.
 */
final class AppProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final Path dataDir;
    private final int port;
    private final Map<String, String> environment;
    private Process process;
    private Path log;
    private int starts;

    AppProcess(Path dataDir, String databaseUrl, String mlUrl) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.environment = Map.of("OO_DATA_DIR", dataDir.toString(), "PORT", String.valueOf(port),
                "OO_DATABASE_URL", databaseUrl, "OO_ML_URL", mlUrl);
    }

    static Path jar() {
        Path jar = Path.of("target", "oo.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the package phase builds it before the integration tests");
        }
        return jar;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the app with these extra {@code --key=value} settings and waits until it serves pages. */
    void start(String... settings) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the app is already running");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar().toString(),
                "--logging.level.root=warn", "--logging.level.app.oo=info",
                // Only the test asks for tips: a timed moment would add requests it does not expect.
                "--oo.timing.poll-enabled=false"));
        command.addAll(List.of(settings));
        log = dataDir.resolve("app-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(dataDir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitServing();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever was in flight dies with it. */
    void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(30))) {
            kill();
        }
    }

    private void awaitServing() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant until = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + " while starting:\n"
                        + logTail());
            }
            try {
                HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (login.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("the app did not serve /login within " + START_LIMIT + ":\n" + logTail());
    }

    private boolean waitForExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

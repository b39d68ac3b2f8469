package app.oo.mlbridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The bundled ml/serving, run as a child process when no {@code OO_ML_URL} is set: its Python
 * sources are copied out of the jar into the data directory (so the packaged app runs from any
 * directory), uvicorn starts on a free loopback port, and the process stops with the app.
 */
public final class LocalMlServingProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMlServingProcess.class);
    private static final String BUNDLE = "oo-ml/";
    private static final int KEPT_OUTPUT_LINES = 40;

    private final Process process;
    private final String baseUrl;
    private final Deque<String> lastOutput = new ArrayDeque<>();
    private Thread pump;

    private LocalMlServingProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static LocalMlServingProcess start(String python, Path runtimeDir, Path stateDir, Duration startTimeout) {
        Path appDir = extractBundle(runtimeDir);
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(python, "-m", "uvicorn", "serving.app:app",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--no-access-log")
                .directory(appDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("OO_ML_STATE_DIR", stateDir.toAbsolutePath().toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process;
        try {
            Files.createDirectories(stateDir);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start ml/serving with '" + python
                    + "': is Python installed (infra/bin/install-deps)?", e);
        }
        LocalMlServingProcess local = new LocalMlServingProcess(process, "http://127.0.0.1:" + port);
        local.pipeOutput();
        local.awaitHealthy(startTimeout);
        log.info("ml/serving started locally at {} (state in {})", local.baseUrl, stateDir);
        return local;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("ml/serving stopped");
    }

    private void awaitHealthy(Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                awaitOutput();
                throw new IllegalStateException("ml/serving exited with " + process.exitValue()
                        + " while starting; its last output:\n" + outputTail()
                        + "\n(are Debian's python3-fastapi, python3-uvicorn, python3-numpy installed? infra/bin/install-deps)");
            }
            if (answersHealth()) {
                return;
            }
            sleep(150);
        }
        close();
        throw new IllegalStateException("ml/serving did not answer /health within " + timeout
                + "; its last output:\n" + outputTail());
    }

    private boolean answersHealth() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/health").toURL().openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(1000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private void pipeOutput() {
        pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.info("[ml/serving] {}", line);
                    synchronized (lastOutput) {
                        lastOutput.addLast(line);
                        if (lastOutput.size() > KEPT_OUTPUT_LINES) {
                            lastOutput.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                log.debug("ml/serving output closed: {}", e.getMessage());
            }
        }, "ml-serving-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** The process has exited: let the pump read its last words before they are quoted. */
    private void awaitOutput() {
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String outputTail() {
        synchronized (lastOutput) {
            return String.join("\n", lastOutput);
        }
    }

    /**
     * Copies {@code oo-ml/**} (ml/serving and ml/pipelines) from the classpath, replacing what an
     * older version left there; the app's simulations extract their own copy with it.
     */
    public static Path extractBundle(Path runtimeDir) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + BUNDLE + "**/*.*");
            if (resources.length == 0) {
                throw new IllegalStateException("the ml/serving bundle (" + BUNDLE + ") is not on the classpath");
            }
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                String relative = url.substring(url.lastIndexOf(BUNDLE) + BUNDLE.length());
                Path target = runtimeDir.resolve(relative).normalize();
                if (!target.startsWith(runtimeDir)) {
                    throw new IllegalStateException("bundle entry outside the runtime directory: " + relative);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return runtimeDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack ml/serving into " + runtimeDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for ml/serving", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ml/serving", e);
        }
    }
}

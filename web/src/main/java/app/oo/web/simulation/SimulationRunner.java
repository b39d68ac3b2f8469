package app.oo.web.simulation;

import app.oo.mlbridge.LocalMlServingProcess;
import app.oo.mlbridge.MlBridgeProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Runs ml/pipelines' simulation as a child process against the app's own PostgreSQL, one run at a
 * time by default (two cores also serve tips), with progress read from its stderr. Each run lives
 * in {@code <dir>/<runId>/}: {@code run.json} (request, status, times, error), the process's
 * {@code stdout.log} and {@code stderr.log}, and ml/pipelines' {@code report.html} and
 * {@code summary.json}. Runs are listed again after a restart; a run the stop cut short is
 * marked interrupted.
 */
@Service
public class SimulationRunner implements DisposableBean {

    static final Pattern ID = Pattern.compile("sim-\\d{8}T\\d{6}Z-[0-9a-f]{6}");
    public static final String REPORT = "report.html";
    public static final String SUMMARY = "summary.json";
    private static final String RUN_FILE = "run.json";
    private static final Path NICE = Path.of("/usr/bin/nice");
    private static final int KEPT_LINES = 30;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(SimulationRunner.class);

    private final SimulationProperties props;
    private final Path runsDir;
    private final Path runtimeDir;
    private final String python;
    private final Supplier<PostgresDsn> dsn;
    private final ObjectMapper json;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<String, Tracked> runs = new ConcurrentHashMap<>();
    private final Object bundleLock = new Object();
    private volatile boolean bundled;
    private volatile boolean closing;

    /** Thrown when too many runs wait already. */
    public static class QueueFullException extends RuntimeException {
        QueueFullException(String message) {
            super(message);
        }
    }

    /** A run and, while it runs, its process. */
    private static final class Tracked {
        final Path dir;
        volatile SimulationRun run;
        volatile Process process;

        Tracked(Path dir, SimulationRun run) {
            this.dir = dir;
            this.run = run;
        }
    }

    @Autowired
    public SimulationRunner(SimulationProperties props, MlBridgeProperties ml, @Value("${oo.data-dir}") Path dataDir,
                            HikariDataSource dataSource, ObjectMapper json, Clock clock) {
        this(props, ml.python(), dataDir,
                () -> PostgresDsn.fromJdbc(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword()),
                json, clock);
    }

    SimulationRunner(SimulationProperties props, String python, Path dataDir, Supplier<PostgresDsn> dsn,
                     ObjectMapper json, Clock clock) {
        this.props = props;
        this.runsDir = props.dirUnder(dataDir).toAbsolutePath();
        this.runtimeDir = props.runtimeDirUnder(dataDir).toAbsolutePath();
        this.python = python;
        this.dsn = dsn;
        this.json = json;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(props.concurrency(), props.concurrency(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "simulation-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        loadEarlierRuns();
    }

    /** Queues a run of a validated request; answers at once with the queued run. */
    public SimulationRun start(SimulationRequest request, String startedBy) {
        Tracked tracked;
        synchronized (runs) {
            long waiting = runs.values().stream().filter(t -> t.run.status() == SimulationStatus.QUEUED).count();
            if (waiting >= props.queueLimit()) {
                throw new QueueFullException(waiting + " runs are waiting already (limit " + props.queueLimit()
                        + "); start this one when one of them has begun");
            }
            Instant now = clock.instant();
            String id = "sim-" + STAMP.format(now) + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
            Path dir = runsDir.resolve(id);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir, e);
            }
            tracked = new Tracked(dir, new SimulationRun(id, SimulationStatus.QUEUED, request, startedBy, now,
                    null, null, null, null, SimulationProgress.NONE));
            runs.put(id, tracked);
        }
        save(tracked);
        executor.execute(() -> execute(tracked));
        log.info("simulation {} queued by {}: schema {}, policies {}", tracked.run.id(), startedBy,
                request.schema(), request.policies());
        return tracked.run;
    }

    public List<SimulationRun> list() {
        return runs.values().stream().map(t -> t.run)
                .sorted(Comparator.comparing(SimulationRun::createdAt).reversed()).toList();
    }

    public Optional<SimulationRun> find(String id) {
        return Optional.ofNullable(id != null && ID.matcher(id).matches() ? runs.get(id) : null).map(t -> t.run);
    }

    /** A file the run wrote ({@link #REPORT} or {@link #SUMMARY}), if the run exists and wrote it. */
    public Optional<Path> file(String id, String name) {
        return find(id).map(run -> runs.get(run.id()).dir.resolve(name)).filter(Files::isRegularFile);
    }

    private void execute(Tracked tracked) {
        if (closing) {
            return;
        }
        tracked.run = tracked.run.running(clock.instant());
        save(tracked);
        Deque<String> lastLines = new ArrayDeque<>();
        try {
            Path app = bundle();
            PostgresDsn connection = dsn.get();
            List<String> command = SimulationCommand.of(Files.isExecutable(NICE) ? NICE.toString() : null,
                    props.niceness(), python, connection.uri(), tracked.run.request(), tracked.dir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
                    .redirectOutput(tracked.dir.resolve("stdout.log").toFile());
            Map<String, String> env = builder.environment();
            if (connection.password() != null) {
                env.put("PGPASSWORD", connection.password());
            }
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.put("MPLBACKEND", "Agg");
            env.put("MPLCONFIGDIR", runtimeDir.resolve(".matplotlib").toString());
            // The matrices are small; BLAS threads would only compete with the app for the cores.
            env.put("OMP_NUM_THREADS", "1");
            env.put("OPENBLAS_NUM_THREADS", "1");
            Process process;
            synchronized (this) {
                if (closing) { // the app stopped while the bundle was being extracted
                    finish(tracked, SimulationStatus.INTERRUPTED, null, "the app stopped during the run");
                    return;
                }
                process = builder.start();
                tracked.process = process;
            }
            Thread pump = new Thread(() -> pumpStderr(tracked, process, lastLines), "simulation-stderr");
            pump.setDaemon(true);
            pump.start();
            boolean ended = process.waitFor(props.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                stop(process);
                pump.join(2000);
                finish(tracked, SimulationStatus.FAILED, null, "stopped after the time limit of " + props.timeout());
                return;
            }
            pump.join(5000);
            int code = process.exitValue();
            if (closing) {
                finish(tracked, SimulationStatus.INTERRUPTED, code, "the app stopped during the run");
            } else if (code == 0 && Files.isRegularFile(tracked.dir.resolve(SUMMARY))) {
                finish(tracked, SimulationStatus.SUCCEEDED, code, null);
            } else {
                finish(tracked, SimulationStatus.FAILED, code, failure(lastLines, code));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("simulation {} could not run: {}", tracked.run.id(), e.toString());
            finish(tracked, SimulationStatus.FAILED, null, "cannot run ml/pipelines with " + python + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Optional.ofNullable(tracked.process).ifPresent(SimulationRunner::stop);
            finish(tracked, SimulationStatus.INTERRUPTED, null, "the app stopped during the run");
        } finally {
            tracked.process = null;
        }
    }

    /** Progress lines update the run; every line goes to {@code stderr.log}; the last others explain a failure. */
    private void pumpStderr(Tracked tracked, Process process, Deque<String> lastLines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(tracked.dir.resolve("stderr.log"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                Optional<ProgressLine> progress = ProgressLine.parse(line);
                if (progress.isPresent()) {
                    tracked.run = tracked.run.withProgress(tracked.run.progress().after(progress.get()));
                } else if (!line.isBlank()) {
                    synchronized (lastLines) {
                        lastLines.addLast(line.strip());
                        if (lastLines.size() > KEPT_LINES) {
                            lastLines.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.debug("stderr of simulation {} closed: {}", tracked.run.id(), e.getMessage());
        }
    }

    /** ml/pipelines says {@code error: …} on bad input; a crash ends with the exception's line. */
    static String failure(Deque<String> lastLines, int code) {
        synchronized (lastLines) {
            return lastLines.stream().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b)
                    .map(l -> l.substring("error: ".length()))
                    .or(() -> Optional.ofNullable(lastLines.peekLast()))
                    .map(l -> l + " (exit code " + code + ")")
                    .orElse("ml/pipelines exited with code " + code + " and wrote no summary");
        }
    }

    private void finish(Tracked tracked, SimulationStatus status, Integer code, String error) {
        tracked.run = tracked.run.ended(status, clock.instant(), code, error);
        save(tracked);
        log.info("simulation {} {}{}", tracked.run.id(), status.wireName(), error == null ? "" : ": " + error);
    }

    private Path bundle() {
        synchronized (bundleLock) {
            if (!bundled) {
                try {
                    Files.createDirectories(runtimeDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + runtimeDir, e);
                }
                LocalMlServingProcess.extractBundle(runtimeDir);
                bundled = true;
            }
            return runtimeDir;
        }
    }

    private void save(Tracked tracked) {
        Path target = tracked.dir.resolve(RUN_FILE);
        Path temp = tracked.dir.resolve(RUN_FILE + ".tmp");
        synchronized (tracked) { // the worker and a stopping app may both save a run
            try {
                json.writeValue(temp.toFile(), tracked.run);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log.warn("cannot save {}: {}", target, e.getMessage());
            }
        }
    }

    private void loadEarlierRuns() {
        if (!Files.isDirectory(runsDir)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            dirs.filter(d -> ID.matcher(d.getFileName().toString()).matches())
                    .filter(d -> Files.isRegularFile(d.resolve(RUN_FILE)))
                    .forEach(this::load);
        } catch (IOException e) {
            log.warn("cannot list earlier simulations in {}: {}", runsDir, e.getMessage());
        }
    }

    private void load(Path dir) {
        try {
            SimulationRun run = json.readValue(dir.resolve(RUN_FILE).toFile(), SimulationRun.class);
            Tracked tracked = new Tracked(dir, run);
            if (!run.status().finished()) {
                tracked.run = run.ended(SimulationStatus.INTERRUPTED, clock.instant(), null,
                        "the app stopped before the run ended");
                save(tracked);
            }
            runs.put(run.id(), tracked);
        } catch (IOException | RuntimeException e) {
            log.warn("skipping the unreadable simulation run in {}: {}", dir, e.getMessage());
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops running processes with the app; their runs are marked interrupted. */
    @Override
    public void destroy() {
        synchronized (this) {
            closing = true;
        }
        executor.shutdownNow();
        for (Tracked tracked : runs.values()) {
            Process process = tracked.process;
            if (process != null) {
                stop(process);
            }
            if (!tracked.run.status().finished()) {
                finish(tracked, SimulationStatus.INTERRUPTED, null, "the app stopped during the run");
            }
        }
        try {
            // A worker may still be extracting the bundle or saving its run; nothing writes after this.
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("simulation workers still busy 10 s after the app began to stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

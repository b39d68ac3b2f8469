package app.oo.web.simulation;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How simulation runs are kept and bounded.
 *
 * @param dir         where each run keeps its request, logs, {@code report.html} and {@code summary.json};
 *                    blank: {@code <oo.data-dir>/simulations}
 * @param runtimeDir  where the bundled ml/pipelines sources are unpacked; blank: {@code <oo.data-dir>/ml-pipelines}
 * @param timeout     a run still going after this is stopped and marked failed
 * @param concurrency runs at the same time (each keeps a core busy)
 * @param queueLimit  runs waiting for their turn before new ones are refused
 * @param niceness    the runs' {@code nice} level, so live tips keep the CPU first; 0: as the app
 */
@ConfigurationProperties("oo.simulations")
public record SimulationProperties(Path dir, Path runtimeDir, @DefaultValue("30m") Duration timeout,
                                   @DefaultValue("1") int concurrency, @DefaultValue("4") int queueLimit,
                                   @DefaultValue("10") int niceness) {

    public Path dirUnder(Path dataDir) {
        return dir != null ? dir : dataDir.resolve("simulations");
    }

    public Path runtimeDirUnder(Path dataDir) {
        return runtimeDir != null ? runtimeDir : dataDir.resolve("ml-pipelines");
    }
}

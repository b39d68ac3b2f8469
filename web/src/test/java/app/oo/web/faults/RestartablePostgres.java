package app.oo.web.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL 17 of the test's own (the embedded binaries the app uses) on a fixed port, so that
 * it can be stopped and started again under the app's feet: same data, same address.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final Path binaries;
    private final int port;
    private EmbeddedPostgres postgres;

    RestartablePostgres(Path root) {
        this.dataDir = root.resolve("postgres");
        this.binaries = root.resolve("postgres-runtime");
        this.port = AppProcess.freePort();
    }

    void start() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binaries);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setPort(port)
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
    }

    /** A fast shutdown (every session ends), a pause with nothing listening, a start on the same data and port. */
    void restart(Duration down) {
        close();
        AppProcess.sleep(down.toMillis());
        start();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }
}

package app.oo.web.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 started from a Maven artifact, its data directory kept under the app's data
 * directory so a restart keeps every event. Spring stops it after Axon (no JVM shutdown hook).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(Path dataDir) {
        requireReachableByPostgres(dataDir.toAbsolutePath());
        Path pgData = dataDir.resolve("postgres");
        Path binaries = dataDir.resolve("postgres-runtime");
        try {
            Files.createDirectories(pgData);
            Files.createDirectories(binaries);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Bulk loads checkpoint every few seconds with the 1 GB default.
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), pgData);
            return new EmbeddedPostgresServer(postgres, pgData);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /**
     * PostgreSQL refuses to run as root, so as root the server runs as {@code nobody}, which must
     * be able to pass through every directory above the data directory.
     */
    static void requireReachableByPostgres(Path dataDir) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        for (Path dir = dataDir.getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (Files.exists(dir) && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("the embedded PostgreSQL runs as 'nobody' when oO runs as root, and "
                            + "'nobody' cannot enter " + dir + ": set OO_DATA_DIR to a directory outside it "
                            + "(e.g. /var/lib/oo), or set OO_DATABASE_URL");
                }
            } catch (IOException | UnsupportedOperationException e) {
                return;
            }
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}

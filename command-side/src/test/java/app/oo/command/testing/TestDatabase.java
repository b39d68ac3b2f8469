package app.oo.command.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** One real PostgreSQL per test JVM, migrated with the command side's scripts (V1 event store, V4 keys and vault). */
public final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_wal_size", "2GB").start();
                // Pooled like the app's: an unpooled data source opens a connection per query.
                com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
                pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
                pool.setMaximumPoolSize(8);
                dataSource = pool;
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return dataSource;
    }
}

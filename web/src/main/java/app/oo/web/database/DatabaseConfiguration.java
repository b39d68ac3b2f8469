package app.oo.web.database;

import app.oo.web.cluster.NodeName;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured PostgreSQL when {@code OO_DATABASE_URL} is set, else an embedded one. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${oo.database.url:}'.isBlank()")
    public EmbeddedPostgresServer embeddedPostgres(@Value("${oo.data-dir}") Path dataDir) {
        return EmbeddedPostgresServer.start(dataDir);
    }

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(DatabaseProperties props, ObjectProvider<EmbeddedPostgresServer> embedded) {
        HikariConfig config = new HikariConfig();
        if (props.embedded()) {
            config.setJdbcUrl(embedded.getObject().jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(props.url());
            config.setUsername(props.username());
            config.setPassword(props.password());
        }
        config.setMaximumPoolSize(props.poolSize());
        config.setPoolName("oo");
        // Batched inserts are rewritten into multi-row statements: the batch path's throughput.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Lets each node see which nodes are alive (pg_stat_activity): sharing the processors' segments.
        config.addDataSourceProperty("ApplicationName", NodeName.current());
        return new HikariDataSource(config);
    }

    /**
     * Lets Axon recognise PostgreSQL's unique violations (SQL state 23505) as a second writer of
     * the same aggregate sequence, so it answers with its concurrency exceptions, not a raw
     * {@code PSQLException}.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return DatabaseConfiguration::isUniqueViolation;
    }

    static boolean isUniqueViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

package app.oo.web.replay;

import app.oo.query.features.PersonSignalReplay;
import app.oo.query.replay.FastReplay;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Rebuilds {@code person_signal} into a fresh table with {@link FastReplay}, prints the rate and
 * checks the result against the live table. Runs from the packaged app without starting it:
 * <pre>
 * java -cp web/target/oo.jar -Dloader.main=app.oo.web.replay.FastReplayCommand \
 *   org.springframework.boot.loader.launch.PropertiesLauncher jdbc=jdbc:postgresql://127.0.0.1:5432/oo workers=2
 * </pre>
 * The serializer is Axon's Jackson serializer over a Spring Boot-shaped ObjectMapper, as the app
 * configures it; in the app, inject the {@code eventSerializer} bean instead.
 */
public final class FastReplayCommand {

    private FastReplayCommand() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int workers = Integer.parseInt(a.getOrDefault("workers", "2"));
        int chunk = Integer.parseInt(a.getOrDefault("chunk", "5000"));
        int fetch = Integer.parseInt(a.getOrDefault("fetch", "10000"));
        String table = a.getOrDefault("table", "person_signal_rebuild");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(a.get("jdbc"));
        config.setUsername(a.getOrDefault("user", "postgres"));
        config.setPassword(a.getOrDefault("password", ""));
        config.setMaximumPoolSize(workers + 2);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JacksonSerializer serializer = JacksonSerializer.builder()
                    .objectMapper(Jackson2ObjectMapperBuilder.json().build())
                    .build();
            long total;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from domainevententry")) {
                rs.next();
                total = rs.getLong(1);
            }
            AtomicLong lastPrint = new AtomicLong(System.nanoTime());
            long started = System.nanoTime();
            FastReplay replay = new FastReplay(dataSource, serializer, workers, chunk, fetch);
            FastReplay.Result result = replay.rebuild(new PersonSignalReplay(table), written -> {
                long now = System.nanoTime();
                long last = lastPrint.get();
                if (now - last > 5_000_000_000L && lastPrint.compareAndSet(last, now)) {
                    double secs = (now - started) / 1e9;
                    System.out.printf(Locale.ROOT, "  fast replay: %,d signal events written, %,.0f/s, %.0f s%n",
                            written, written / secs, secs);
                }
            });
            long rebuilt = count(dataSource, "select count(*) from " + table);
            long missing = count(dataSource, "select count(*) from (select signal_id from person_signal except"
                    + " select signal_id from " + table + ") d");
            long extra = count(dataSource, "select count(*) from (select signal_id from " + table + " except"
                    + " select signal_id from person_signal) d");
            System.out.printf(Locale.ROOT, "RESULT\tfast replay of person-features (%d workers)\t%,.0f events/s\t"
                            + "%,d events in the store over %.1f s (%,.0f signal events/s written, indexes built at the end);"
                            + " %,d rows rebuilt, %d missing and %d extra against the live person_signal%n",
                    workers, total / result.seconds(), total, result.seconds(), result.eventsPerSecond(), rebuilt,
                    missing, extra);
            if (!"true".equals(a.get("keep"))) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("drop table " + table);
                }
            }
            System.exit(missing == 0 && extra == 0 ? 0 : 1);
        }
    }

    private static long count(HikariDataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

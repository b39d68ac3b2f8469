package app.oo.web;

import app.oo.web.todoist.FakeTodoist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every integration test: the whole app on a random port with the embedded PostgreSQL
 * and the real ml/serving process (and a fake Todoist). All subclasses share one Spring context (same configuration),
 * so the run pays for one database and one Python process. Tests create their own persons, so
 * they never depend on each other's data.
 */
@SpringBootTest(classes = OoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"dev", "test"})
public abstract class OoIntegrationTest {

    /**
     * A fresh data directory per run, under the system temp directory: as root the embedded
     * PostgreSQL runs as {@code nobody}, which must be able to reach it whatever the checkout path.
     */
    static final Path DATA_DIR = Path.of(System.getProperty("java.io.tmpdir"), "oo-it-" + ProcessHandle.current().pid());

    static {
        deleteTree(DATA_DIR);
        System.setProperty("oo.data-dir", DATA_DIR.toString());
        // The Todoist connector talks to a fake Todoist for the whole run (application-test.yml).
        System.setProperty("oo.test.todoist-url", FakeTodoist.shared().url());
        // The upstream OIDC provider of application-test.yml must answer before the context starts.
        FakeOidcProvider.shared();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(DATA_DIR)));
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected EventProcessingConfiguration eventProcessing;

    protected OoClient client() {
        return new OoClient("http://localhost:" + port);
    }

    protected OoClient.Person newPerson() {
        return client().signUpAndSignIn("p" + System.nanoTime());
    }

    /**
     * Waits until each named processor has handled the event at {@code globalIndex} (and all before
     * it) in every segment: what a test asserts after that no longer races the projections.
     */
    protected void awaitProcessed(long globalIndex, String... processors) {
        for (String name : processors) {
            StreamingEventProcessor processor = eventProcessing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalArgumentException("no streaming processor " + name));
            Awaitility.await(name + " past event " + globalIndex).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> covers(processor.processingStatus(), globalIndex));
        }
    }

    /** The global index of the latest event of that type on the aggregate. */
    protected long globalIndexOf(String aggregateId, Class<?> eventType) {
        return jdbc.sql("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                .params(aggregateId, eventType.getName()).query(Long.class).single();
    }

    /** Every claimed segment is past the index, and the claimed segments together span the whole stream. */
    private static boolean covers(Map<Integer, EventTrackerStatus> status, long globalIndex) {
        double share = 0;
        for (EventTrackerStatus segment : status.values()) {
            TrackingToken token = segment.getTrackingToken();
            if (!(token instanceof GapAwareTrackingToken gapAware)
                    || gapAware.getIndex() < globalIndex || gapAware.getGaps().contains(globalIndex)) {
                return false;
            }
            share += 1.0 / (segment.getSegment().getMask() + 1);
        }
        return share > 0.999;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The raw-bytes scan: every table of the database whose rows, read as text, or whose byte
     * columns, read raw, contain {@code needle} (a marker, a token, a title).
     */
    protected List<String> tablesHolding(String needle) {
        List<String> found = new ArrayList<>();
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""")
                .query(String.class).list();
        for (String table : tables) {
            boolean asText = jdbc.sql("SELECT EXISTS (SELECT 1 FROM \"" + table + "\" t WHERE t::text LIKE ?)")
                    .param("%" + needle + "%").query(Boolean.class).single();
            boolean asBytes = false;
            for (String column : jdbc.sql("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = ? AND data_type = 'bytea'""")
                    .param(table).query(String.class).list()) {
                asBytes |= jdbc.sql("SELECT EXISTS (SELECT 1 FROM \"" + table + "\" WHERE position(? IN \"" + column
                                + "\") > 0)")
                        .param(needle.getBytes(StandardCharsets.UTF_8)).query(Boolean.class).single();
            }
            if (asText || asBytes) {
                found.add(table);
            }
        }
        return found;
    }
}

package app.oo.web.policy;

import app.oo.domain.policy.PolicyRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A decision log with known properties in a schema of its own, as an as-of snapshot would be:
 * ml/pipelines' synthetic world (3 candidates, a nearly uniform logger, a greedy shadow), logged
 * under the names and versions ml/serving runs now, so the evidence is about the current shadow.
 * The first 4000 decisions make the gate pass; the first 150 hold it (too few rewarded shadow
 * decisions, too small an effective sample).
 */
public final class DecisionLogSeed {

    public static final int PASSING = 4000;
    public static final int HOLDING = 150;
    private static final Path LOG = Path.of("target/it-synthetic/decision-log.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionLogSeed() {
    }

    /** A fresh schema {@code prefix_<nanos>} with a {@code decision_log} holding the first {@code rows} decisions. */
    public static String seed(JdbcTemplate jdbc, String prefix, int rows, PolicyRef incumbent, PolicyRef shadow) {
        String schema = prefix + "_" + System.nanoTime();
        jdbc.execute("CREATE SCHEMA " + schema);
        jdbc.execute("CREATE TABLE " + schema + ".decision_log (LIKE public.decision_log INCLUDING ALL)");
        List<Object[]> batch = new ArrayList<>();
        for (JsonNode row : rows(rows)) {
            String chosen = row.path("chosen_id").asText();
            String category = "not-now";
            for (JsonNode candidate : row.path("candidates")) {
                if (candidate.path("id").asText().equals(chosen)) {
                    category = candidate.path("category").asText();
                }
            }
            batch.add(new Object[] {UUID.fromString(row.path("decision_id").asText()), UUID.randomUUID(),
                    row.path("person_key").asText(), row.path("decided_at").asText(), row.path("context").toString(),
                    row.path("candidates").toString(), chosen, category, row.path("propensity").asDouble(),
                    incumbent.name(), incumbent.version(), shadow.name(), shadow.version(),
                    row.path("shadow_chosen_id").asText(), row.path("shadow_propensity").asDouble(),
                    row.path("reward").isNumber() ? row.path("reward").asDouble() : null,
                    row.path("rewarded_at").isTextual() ? row.path("rewarded_at").asText() : null});
        }
        jdbc.batchUpdate("INSERT INTO " + schema + ".decision_log (decision_id, tip_id, person_key, decided_at, context,"
                + " candidates, chosen_id, chosen_category, propensity, propensity_method, policy, policy_version,"
                + " shadow_policy, shadow_policy_version, shadow_chosen_id, shadow_propensity, reward, rewarded_at)"
                + " VALUES (?, ?, ?, ?::timestamptz, ?::jsonb, ?::jsonb, ?, ?, ?, 'exact', ?, ?, ?, ?, ?, ?, ?,"
                + " ?::timestamptz)", batch);
        return schema;
    }

    private static synchronized List<JsonNode> rows(int count) {
        try {
            if (!Files.exists(LOG)) {
                generate();
            }
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(LOG)) {
                if (rows.size() == count) {
                    break;
                }
                rows.add(JSON.readTree(line));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ml/pipelines' own generator, so the test data is the world its estimator tests trust. */
    private static void generate() throws IOException {
        Files.createDirectories(LOG.getParent());
        Process process = new ProcessBuilder("/usr/bin/python3", "-m", "pipelines.synthetic", "--rows",
                String.valueOf(PASSING), "--candidates", "3", "--logging-temperature", "1.0", "--shadow-temperature",
                "0.05", "--seed", "7", "--out", LOG.toAbsolutePath().toString())
                .directory(Path.of("../ml").toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pipelines.synthetic failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package app.oo.web.simulation;

import app.oo.web.problem.InvalidRequestException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to simulate (ml/pipelines' CLI, {@code pipelines.simulate}).
 *
 * @param schema      the schema holding {@code decision_log}: {@code public} (live) or an as-of snapshot
 * @param policies    candidate policy specs; empty: ml/pipelines' defaults
 * @param shadowMatch which shadow run stands for a candidate: spec → {@code name[@version]}
 * @param gate        gate threshold overrides for this run (recorded in {@code summary.json})
 * @param resamples   bootstrap resamples; null: ml/pipelines' default (1000)
 * @param seed        null: ml/pipelines' default (0)
 */
public record SimulationRequest(String schema, List<String> policies, Map<String, String> shadowMatch,
                                Map<String, String> gate, Integer resamples, Integer seed) {

    static final int MAX_POLICIES = 8;
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    // name, then optional key=value parameters: uniform, epsilon-greedy:eps=0.1, category-prior:break=2,default=1
    private static final Pattern SPEC = Pattern.compile(
            "[a-z][a-z0-9-]{0,40}(:[a-z_-]{1,20}=[A-Za-z0-9_.-]{1,20}(,[a-z_-]{1,20}=[A-Za-z0-9_.-]{1,20}){0,11})?");
    private static final Pattern SHADOW = Pattern.compile("[A-Za-z0-9._-]{1,64}(@[A-Za-z0-9._-]{1,64})?");
    private static final Pattern THRESHOLD = Pattern.compile("[a-zA-Z_]{1,40}");
    private static final Pattern THRESHOLD_VALUE = Pattern.compile("[A-Za-z0-9./_-]{1,40}");

    public SimulationRequest {
        policies = policies == null ? List.of() : List.copyOf(policies);
        shadowMatch = shadowMatch == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(shadowMatch));
        gate = gate == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(gate));
    }

    /** The request with its defaults, or an {@link InvalidRequestException} naming the field at fault. */
    public SimulationRequest validated() {
        String s = schema == null || schema.isBlank() ? "public" : schema.strip();
        if (!SCHEMA.matcher(s).matches()) {
            throw new InvalidRequestException("schema", "a lower-case PostgreSQL schema name, e.g. public");
        }
        if (policies.size() > MAX_POLICIES) {
            throw new InvalidRequestException("policies", "at most " + MAX_POLICIES + " policies per run");
        }
        for (int i = 0; i < policies.size(); i++) {
            String spec = policies.get(i);
            if (spec == null || !SPEC.matcher(spec).matches()) {
                throw new InvalidRequestException("policies[" + i + "]",
                        "a policy spec such as uniform, greedy-reward-model or epsilon-greedy:eps=0.1");
            }
            if (policies.indexOf(spec) != i) {
                throw new InvalidRequestException("policies[" + i + "]", "'" + spec + "' is listed twice");
            }
        }
        shadowMatch.forEach((spec, shadow) -> {
            if (!policies.contains(spec)) {
                throw new InvalidRequestException("shadowMatch." + spec, "not one of the policies of this run");
            }
            if (shadow == null || !SHADOW.matcher(shadow).matches()) {
                throw new InvalidRequestException("shadowMatch." + spec, "a shadow policy name[@version]");
            }
        });
        gate.forEach((name, value) -> {
            if (!THRESHOLD.matcher(name).matches()) {
                throw new InvalidRequestException("gate", "'" + name + "' is not a threshold name");
            }
            if (value == null || !THRESHOLD_VALUE.matcher(value).matches()) {
                throw new InvalidRequestException("gate." + name, "a number, or estimators such as dr/snips");
            }
        });
        if (resamples != null && (resamples < 100 || resamples > 20_000)) {
            throw new InvalidRequestException("resamples", "between 100 and 20000");
        }
        if (seed != null && seed < 0) {
            throw new InvalidRequestException("seed", "zero or more");
        }
        return new SimulationRequest(s, policies, shadowMatch, gate, resamples, seed);
    }
}

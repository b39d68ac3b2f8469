package app.oo.web.policy;

import app.oo.domain.policy.Estimate;
import app.oo.domain.policy.GateCheck;
import app.oo.domain.policy.OfflineEvidence;
import app.oo.domain.policy.PromotionEvidence;
import app.oo.domain.policy.ShadowEvidence;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Reads a candidate's evidence out of ml/pipelines' {@code summary.json} (ml/pipelines/README.md,
 * "Output"). The candidate is named as ml/serving names it (its shadow, {@code ridge-egreedy}),
 * while the simulation names candidates by spec ({@code epsilon-greedy:eps=0.1}) and binds a spec to
 * a shadow run through its verdict's {@code shadow} label: the verdict whose shadow run is the
 * policy's stands for it, or a spec named like the policy, or the spec the analyst names.
 */
final class PromotionEvidenceReader {

    private PromotionEvidenceReader() {
    }

    /** The evidence for {@code policy}, or null when the summary holds no verdict for it. */
    static PromotionEvidence read(JsonNode summary, String simulationId, String policy, String spec) {
        JsonNode verdicts = summary.path("gate").path("verdicts");
        String chosen = spec != null ? (verdicts.has(spec) ? spec : null) : standingFor(verdicts, policy);
        if (chosen == null) {
            return null;
        }
        JsonNode verdict = verdicts.path(chosen);
        List<GateCheck> checks = new ArrayList<>();
        verdict.path("checks").forEach(c -> checks.add(new GateCheck(c.path("name").asText(),
                c.path("passed").asBoolean(false), c.path("detail").asText())));
        String estimator = verdict.path("estimator").isTextual() ? verdict.path("estimator").asText() : null;
        OfflineEvidence offline = null;
        JsonNode offlineEstimate = summary.path("policies").path(chosen).path("estimators").path(String.valueOf(estimator));
        if (estimator != null && offlineEstimate.isObject()) {
            JsonNode incumbent = summary.path("incumbent");
            offline = new OfflineEvidence(chosen, estimator, estimate(offlineEstimate), number(offlineEstimate.path("ess")),
                    incumbent.path("policy").asText(null), estimate(incumbent));
        }
        ShadowEvidence shadow = null;
        String label = verdict.path("shadow").isTextual() ? verdict.path("shadow").asText() : null;
        if (label != null) {
            for (JsonNode run : summary.path("shadow")) {
                if (label.equals(run.path("label").asText())) {
                    String shadowEstimator = run.path("estimator").asText(null);
                    shadow = new ShadowEvidence(label, run.path("rewarded").asLong(), number(run.path("agreement")),
                            shadowEstimator, estimate(run.path("value").path(String.valueOf(shadowEstimator))),
                            estimate(run.path("incumbentOnSameDecisions")));
                }
            }
        }
        return new PromotionEvidence(simulationId, source(summary.path("source")), verdict.path("promote").asBoolean(false),
                checks, offline, shadow, thresholds(summary.path("gate").path("thresholds")));
    }

    /** Verdicts whose shadow run is the policy's, else specs named like it; a passing one first. */
    private static String standingFor(JsonNode verdicts, String policy) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        verdicts.fields().forEachRemaining(entries::add);
        List<Map.Entry<String, JsonNode>> byShadow = entries.stream()
                .filter(e -> e.getValue().path("shadow").isTextual()
                        && shadowName(e.getValue().path("shadow").asText()).equals(policy))
                .toList();
        List<Map.Entry<String, JsonNode>> candidates = !byShadow.isEmpty() ? byShadow : entries.stream()
                .filter(e -> e.getKey().equals(policy) || e.getKey().split(":", 2)[0].equals(policy)).toList();
        return candidates.stream()
                .sorted(Comparator.comparing(e -> !e.getValue().path("promote").asBoolean(false)))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String shadowName(String label) {
        int at = label.lastIndexOf('@');
        return at < 0 ? label : label.substring(0, at);
    }

    private static Estimate estimate(JsonNode node) {
        return new Estimate(number(node.path("estimate")), number(node.path("ciLow")), number(node.path("ciHigh")));
    }

    /** ml/pipelines writes a non-finite number as null. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static String source(JsonNode source) {
        if ("postgresql".equals(source.path("kind").asText())) {
            return "postgresql " + source.path("schema").asText() + "." + source.path("table").asText();
        }
        return source.path("kind").asText("unknown") + (source.has("path") ? " " + source.path("path").asText() : "");
    }

    private static Map<String, String> thresholds(JsonNode thresholds) {
        Map<String, String> out = new LinkedHashMap<>();
        thresholds.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isArray()
                ? StreamSupport.stream(e.getValue().spliterator(), false).map(JsonNode::asText)
                        .collect(Collectors.joining("/"))
                : e.getValue().asText()));
        return out;
    }
}

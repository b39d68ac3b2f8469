package app.oo.web.policy;

import app.oo.web.problem.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/api/policies/promote}: promote {@code policy} (ml/serving's shadow) on the
 * evidence of simulation {@code simulationId}; {@code spec} picks the candidate of that simulation
 * when more than one stands for the policy.
 */
public record PromoteRequestBody(String policy, String simulationId, String spec) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    PromoteRequestBody validated() {
        if (policy == null || !NAME.matcher(policy).matches()) {
            throw new InvalidRequestException("policy", "the name of ml/serving's shadow policy, e.g. ridge-egreedy");
        }
        if (simulationId == null || simulationId.isBlank()) {
            throw new InvalidRequestException("simulationId", "the id of a finished simulation run");
        }
        if (spec != null && (spec.isBlank() || spec.length() > 200)) {
            throw new InvalidRequestException("spec", "a policy spec of the simulation, or left out");
        }
        return this;
    }
}

package app.oo.sagas.ml;

import java.util.Map;

/**
 * One of ml/serving's two policies ({@code GET /policies}).
 *
 * @param version changes on promotion, never on updates
 * @param updates rewards applied
 * @param online  its online value since this incumbent/shadow pairing began
 */
public record PolicyInfo(String name, String version, long updates, int dimension, String family,
                         String propensityMethod, Map<String, Double> params, OnlineValue online) {

    public PolicyInfo {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /**
     * @param decisions rewarded decisions since the pairing began
     * @param value     mean reward (incumbent) or its inverse-propensity estimate (shadow); null before any
     * @param estimator {@code on-policy-mean} or {@code ips}
     */
    public record OnlineValue(long decisions, Double value, String estimator) {
    }
}

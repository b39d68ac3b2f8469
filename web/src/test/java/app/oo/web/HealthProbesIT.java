package app.oo.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The health story (docs/adr/0019): readiness and liveness leave ml/serving out, so a node whose
 * ml/serving is away stays in rotation serving fallback tips; {@code /actuator/health} names it.
 */
class HealthProbesIT extends OoIntegrationTest {

    @Test
    void readinessNeedsTheDatabaseButNotMlServing() {
        OoClient.Response readiness = client().get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
        assertThat(readiness.json().path("components").has("db")).isTrue();
        assertThat(readiness.json().path("components").has("mlServing")).isFalse();
    }

    @Test
    void livenessIsTheJvmAlone() {
        OoClient.Response liveness = client().get("/actuator/health/liveness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("components").has("mlServing")).isFalse();
        assertThat(liveness.json().path("components").has("db")).isFalse();
    }

    @Test
    void healthNamesMlServing() {
        OoClient.Response health = client().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("components").path("mlServing").path("status").asText()).isEqualTo("UP");
    }
}

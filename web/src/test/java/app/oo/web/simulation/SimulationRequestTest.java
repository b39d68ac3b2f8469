package app.oo.web.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.web.problem.InvalidRequestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationRequestTest {

    private static SimulationRequest request(String schema, List<String> policies, Map<String, String> shadowMatch,
                                             Map<String, String> gate) {
        return new SimulationRequest(schema, policies, shadowMatch, gate, null, null);
    }

    @Test
    void defaultsToTheLiveSchema() {
        assertThat(request(null, null, null, null).validated().schema()).isEqualTo("public");
    }

    @Test
    void acceptsSpecsWithParametersAShadowMatchAndAGateOverride() {
        SimulationRequest valid = request("asof_2026_01_01", List.of("epsilon-greedy:eps=0.1", "category-prior:break=2,default=1"),
                Map.of("epsilon-greedy:eps=0.1", "ridge-egreedy@2"), Map.of("min_shadow_agreement", "0.25")).validated();

        assertThat(valid.policies()).hasSize(2);
    }

    @Test
    void refusesASchemaThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> request("public; drop table x", null, null, null).validated())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("schema"));
    }

    @Test
    void refusesAMalformedSpecNamingItsIndex() {
        assertThatThrownBy(() -> request(null, List.of("uniform", "--out=/etc"), null, null).validated())
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("policies[1]"));
    }

    @Test
    void refusesAShadowMatchForAPolicyNotInTheRun() {
        assertThatThrownBy(() -> request(null, List.of("uniform"), Map.of("lints", "linear-ts"), null).validated())
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("shadowMatch.lints"));
    }

    @Test
    void refusesTooFewResamples() {
        assertThatThrownBy(() -> new SimulationRequest(null, null, null, null, 10, null).validated())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("resamples"));
    }

    @Test
    void theCommandLineCarriesEveryChoiceAsItsOwnArgument() {
        SimulationRequest valid = new SimulationRequest("snap_1", List.of("epsilon-greedy:eps=0.1"),
                Map.of("epsilon-greedy:eps=0.1", "ridge-egreedy"), Map.of("min_shadow_agreement", "0.25"), 300, 7)
                .validated();

        List<String> command = SimulationCommand.of("/usr/bin/nice", 10, "/usr/bin/python3",
                "postgresql://postgres@localhost:5432/postgres", valid, Path.of("/data/simulations/sim-1"));

        assertThat(command).containsExactly("/usr/bin/nice", "-n", "10", "/usr/bin/python3", "-m", "pipelines.simulate",
                "--dsn", "postgresql://postgres@localhost:5432/postgres", "--schema", "snap_1",
                "--policy", "epsilon-greedy:eps=0.1", "--shadow-match", "epsilon-greedy:eps=0.1=ridge-egreedy",
                "--gate", "min_shadow_agreement=0.25", "--resamples", "300", "--seed", "7",
                "--out", "/data/simulations/sim-1");
    }
}

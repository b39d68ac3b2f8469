package app.oo.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.policy.PolicyRef;
import app.oo.domain.projection.DeadLetterQueuesView;
import app.oo.domain.projection.DeadLetterRetryView;
import app.oo.domain.projection.DeadLetterView;
import app.oo.domain.projection.DeadLettersView;
import app.oo.domain.policy.ShadowRunStats;
import app.oo.web.OoIntegrationTest;
import app.oo.web.policy.PolicyController;
import app.oo.web.simulation.SimulationController;
import app.oo.web.simulation.SimulationProgress;
import app.oo.web.simulation.SimulationRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/api/admin.yaml and the running app describe the same simulation and policy API;
 * docs/api/admin-projections.yaml the same projection API, dead letters included.
 */
class AdminApiContractIT extends OoIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyDocumentedOperationIsServedAndEveryServedOneIsDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = AdminApiContractIT.<Map<String, Map<String, Object>>>spec().get("paths");
        paths.forEach((path, operations) -> operations.keySet().stream().filter(m -> !m.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/admin/api/simulations") || p.startsWith("/admin/api/policies"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + p))));

        assertThat(served).isEqualTo(documented);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyProjectionOperationIsDocumentedInAdminProjectionsYamlWithItsDeadLetterShapes() throws IOException {
        Map<String, Object> spec = spec("../docs/api/admin-projections.yaml");
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, operations) -> operations.keySet()
                .stream().filter(m -> !m.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/admin/api/projections"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + p))));

        assertThat(served).contains("GET /admin/api/projections/dead-letters",
                "GET /admin/api/projections/{name}/dead-letters",
                "POST /admin/api/projections/{name}/dead-letters/retries",
                "DELETE /admin/api/projections/{name}/dead-letters/{deadLetterId}").isEqualTo(documented);
        assertSchemaMatches(spec, "DeadLetterQueuesView", DeadLetterQueuesView.class);
        assertSchemaMatches(spec, "DeadLettersView", DeadLettersView.class);
        assertSchemaMatches(spec, "DeadLetterView", DeadLetterView.class);
        assertSchemaMatches(spec, "DeadLetterRetryView", DeadLetterRetryView.class);
        assertSchemaMatches(spec, "RetryRequest", ProjectionAdminController.RetryRequest.class);
    }

    @Test
    void documentedShapesMatchTheRecordsTheAppAnswersWith() throws IOException {
        assertSchemaMatches("SimulationRun", SimulationController.RunView.class);
        assertSchemaMatches("SimulationRequest", SimulationRequest.class);
        assertSchemaMatches("SimulationProgress", SimulationProgress.class);
        assertSchemaMatches("PoliciesView", PolicyController.PoliciesView.class);
        assertSchemaMatches("ShadowRunStats", ShadowRunStats.class);
        assertSchemaMatches("PromotionAccepted", PolicyController.PromotionAccepted.class);
        assertSchemaMatches("PolicyRef", PolicyRef.class);
    }

    private static void assertSchemaMatches(String schema, Class<? extends Record> type) throws IOException {
        assertSchemaMatches(spec("../docs/api/admin.yaml"), schema, type);
    }

    @SuppressWarnings("unchecked")
    private static void assertSchemaMatches(Map<String, Object> spec, String schema, Class<? extends Record> type) {
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components"))
                .get("schemas");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get(schema))
                .get("properties");
        Set<String> components = new TreeSet<>(Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName).toList());
        assertThat(new TreeSet<>(properties.keySet())).as(schema).isEqualTo(components);
    }

    private static <T> Map<String, T> spec() throws IOException {
        return spec("../docs/api/admin.yaml");
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> spec(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return (Map<String, T>) new Yaml().load(in);
        }
    }
}

package app.oo.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.consent.ConsentController;
import app.oo.web.integration.IntegrationsController;
import app.oo.web.timing.TimingController;
import app.oo.web.tip.TipResponse;
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

/** docs/api/openapi.yaml and the running app describe the same API: a drift on either side fails. */
class OpenApiContractIT extends OoIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyDocumentedOperationIsServedAndEveryServedApiOperationIsDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = OpenApiContractIT.<Map<String, Map<String, Object>>>spec().get("paths");
        paths.forEach((path, operations) -> operations.keySet().forEach(method ->
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/") || p.equals("/recommend"))
                .forEach(p -> info.getMethodsCondition().getMethods()
                        .forEach(m -> served.add(m.name() + " " + p))));

        assertThat(served).isEqualTo(documented);
    }

    @Test
    void documentedResponseShapesMatchTheRecordsTheAppAnswersWith() throws IOException {
        assertSchemaMatches("Tip", TipResponse.Tip.class);
        assertSchemaMatches("Consent", ConsentController.ConsentState.class);
        assertSchemaMatches("TimingPreferences", TimingController.TimingPreferencesBody.class);
        assertSchemaMatches("OwnTimingDecision", TimingController.OwnDecision.class);
        assertSchemaMatches("Integration", IntegrationsController.Integration.class);
        assertSchemaMatches("Provider", IntegrationsController.Provider.class);
    }

    @SuppressWarnings("unchecked")
    private void assertSchemaMatches(String schema, Class<? extends Record> type) throws IOException {
        Map<String, Object> schemas = (Map<String, Object>) OpenApiContractIT.<Map<String, Object>>spec().get("components")
                ;
        schemas = (Map<String, Object>) schemas.get("schemas");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get(schema))
                .get("properties");
        Set<String> components = new TreeSet<>(Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName).toList());
        assertThat(new TreeSet<>(properties.keySet())).as(schema).isEqualTo(components);
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> spec() throws IOException {
        Path file = Path.of("../docs/api/openapi.yaml");
        try (InputStream in = Files.newInputStream(file)) {
            return (Map<String, T>) new Yaml().load(in);
        }
    }
}

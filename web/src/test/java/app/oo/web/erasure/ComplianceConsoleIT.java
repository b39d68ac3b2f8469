package app.oo.web.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.identity.Role;
import app.oo.web.identity.SignUp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The compliance console and its API: only the compliance role gets in, the evidence downloads as
 * a JSON file, and docs/api/admin-erasures.yaml describes what is served.
 */
class ComplianceConsoleIT extends OoIntegrationTest {

    @Autowired
    SignUp signUp;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void onlyComplianceOpensTheConsoleAnalystsAndPersonsGet403() {
        OoClient client = client();
        String analyst = "an" + System.nanoTime();
        signUp.staff(analyst, OoClient.PASSWORD, Role.ANALYST);
        OoClient.Person person = newPerson();

        assertThat(page(client, "compliance", "oo-demo-password", "/compliance").status()).isEqualTo(200);
        assertThat(page(client, "compliance", "oo-demo-password", "/compliance").body())
                .contains("/assets/compliance.js").contains("/assets/api.js").doesNotContain("<script>");
        assertThat(page(client, analyst, OoClient.PASSWORD, "/compliance").status()).isEqualTo(403);
        assertThat(page(client, person.username(), OoClient.PASSWORD, "/compliance").status()).isEqualTo(403);
        assertThat(page(client, person.username(), OoClient.PASSWORD, "/compliance.html").status()).isEqualTo(403);

        OoClient.Person analystApi = client.signIn(analyst, OoClient.PASSWORD);
        for (OoClient.Person refused : new OoClient.Person[] {analystApi, person}) {
            assertThat(refused.get("/admin/api/erasures").status()).isEqualTo(403);
            assertThat(refused.get("/admin/api/erasures/evidence").status()).isEqualTo(403);
            assertThat(refused.post("/admin/api/erasures/replay-all", "").status()).isEqualTo(403);
        }
    }

    @Test
    void theEvidenceDownloadsAsAJsonFileWithEveryErasure() {
        OoClient.Person person = newPerson();
        String personId = jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single();
        assertThat(person.delete("/api/me").status()).isEqualTo(202);
        OoClient.Person compliance = client().signIn("compliance", "oo-demo-password");

        OoClient.Response download = compliance.get("/admin/api/erasures/evidence");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("application/json");
        JsonNode erasure = null;
        for (JsonNode each : download.json().path("erasures")) {
            if (each.path("personId").asText().equals(personId)) {
                erasure = each;
            }
        }
        assertThat(erasure).as("the erased person's erasure is in the file").isNotNull();
        assertThat(erasure.path("erasureId").asText()).isNotBlank();
        assertThat(download.json().path("exportedAt").asText()).isNotBlank();
    }

    @Test
    void everyDocumentedErasureOperationIsServedAndEveryServedOneIsDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths;
        try (InputStream in = Files.newInputStream(Path.of("../docs/api/admin-erasures.yaml"))) {
            Map<String, Object> spec = new Yaml().load(in);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> p = (Map<String, Map<String, Object>>) spec.get("paths");
            paths = p;
        }
        paths.forEach((path, operations) -> operations.keySet().stream().filter(m -> !m.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/admin/api/erasures"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + p))));

        assertThat(served).isEqualTo(documented);
    }

    private static OoClient.Response page(OoClient client, String username, String password, String path) {
        HttpClient browser = client.browser();
        client.tokens(browser, username, password);
        return client.page(browser, path);
    }
}

package app.oo.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.identity.Role;
import app.oo.web.identity.SignUp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The analyst console and its API refuse everyone but analysts; bad simulation input names its field. */
class AdminApiSecurityIT extends OoIntegrationTest {

    private static final String RUN = "/admin/api/simulations/sim-20260101T000000Z-abcdef";
    private static final List<String[]> ROUTES = List.of(
            new String[] {"GET", "/admin/api/simulations"},
            new String[] {"POST", "/admin/api/simulations"},
            new String[] {"GET", RUN},
            new String[] {"GET", RUN + "/report"},
            new String[] {"GET", RUN + "/summary"},
            new String[] {"GET", "/admin/api/policies"},
            new String[] {"POST", "/admin/api/policies/promote"},
            new String[] {"GET", "/admin/api/projections"},
            new String[] {"GET", "/admin/api/timing/decisions"},
            new String[] {"GET", "/admin/api/projections/dead-letters"},
            new String[] {"GET", "/admin/api/projections/consents/dead-letters"},
            new String[] {"POST", "/admin/api/projections/consents/dead-letters/retries"},
            new String[] {"DELETE", "/admin/api/projections/consents/dead-letters/x"});

    @Autowired
    SignUp signUp;

    private static OoClient.Response call(OoClient.Person who, String[] route) {
        if (route[0].equals("DELETE")) {
            return who.delete(route[1]);
        }
        return route[0].equals("GET") ? who.get(route[1])
                : who.post(route[1], "{\"policy\":\"ridge-egreedy\",\"simulationId\":\"x\",\"schema\":\"public\"}");
    }

    @Test
    void aPersonGets403ProblemsOnEveryAdminRoute() {
        OoClient.Person person = newPerson();
        for (String[] route : ROUTES) {
            OoClient.Response response = call(person, route);
            assertThat(response.status()).as(route[0] + " " + route[1]).isEqualTo(403);
            assertThat(response.contentType()).as(route[1]).startsWith("application/problem+json");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'policy-registry'"
                + " AND payloadtype LIKE '%PolicyPromotedEvent' AND convert_from(payload, 'UTF8') LIKE ?")
                .param("%\"" + person.username() + "\"%").query(Long.class).single()).isZero();
    }

    @Test
    void withoutATokenEveryAdminRouteAnswers401() {
        OoClient.Person nobody = new OoClient.Person("nobody", "not-a-token", newPerson().client());
        for (String[] route : ROUTES) {
            assertThat(call(nobody, route).status()).as(route[1]).isEqualTo(401);
        }
    }

    @Test
    void theConsolePageIsForAnalystsOnly() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
        HttpResponse<String> direct = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(302);
    }

    @Test
    void aSimulationOfASchemaWithoutDecisionLogIsRefusedNamingTheField() {
        String username = "an" + System.nanoTime();
        signUp.staff(username, OoClient.PASSWORD, Role.ANALYST);
        OoClient client = client();
        OoClient.Person analyst = new OoClient.Person(username, client.token(client.browser(), username), client);

        OoClient.Response noTable = analyst.post("/admin/api/simulations", "{\"schema\":\"no_such_schema\"}");
        OoClient.Response badSpec = analyst.post("/admin/api/simulations", "{\"policies\":[\"uniform\",\"; rm -rf\"]}");
        OoClient.Response unknownRun = analyst.get(RUN);

        assertThat(noTable.status()).isEqualTo(400);
        assertThat(noTable.json().path("field").asText()).isEqualTo("schema");
        assertThat(badSpec.status()).isEqualTo(400);
        assertThat(badSpec.json().path("field").asText()).isEqualTo("policies[1]");
        assertThat(unknownRun.status()).isEqualTo(404);
        assertThat(analyst.get(RUN + "/report").status()).isEqualTo(404);
    }
}

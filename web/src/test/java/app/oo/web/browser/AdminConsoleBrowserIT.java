package app.oo.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.policy.PolicyRef;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.identity.Role;
import app.oo.web.identity.SignUp;
import app.oo.web.policy.DecisionLogSeed;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The analyst console in a real headless Chromium: sign in as an analyst, open /admin, see the
 * policies, start a simulation on a snapshot of the decision log, watch its progress and open its
 * report; see every projection, rebuild one, watch its progress reach done and write an as-of
 * snapshot. Screenshots stay in target/browser-screenshots (admin-*.png).
 */
class AdminConsoleBrowserIT extends OoIntegrationTest {

    private static final Path SHOTS = Path.of("target/browser-screenshots");

    @Autowired
    SignUp signUp;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Test
    void analystStartsASimulationSeesItsProgressAndOpensItsReport() {
        String username = "an" + System.nanoTime();
        signUp.staff(username, OoClient.PASSWORD, Role.ANALYST);
        OoClient client = client();
        OoClient.Person api = new OoClient.Person(username, client.token(client.browser(), username), client);
        JsonNode serving = api.get("/admin/api/policies").json().path("serving");
        String schema = DecisionLogSeed.seed(jdbcTemplate, "snap_console", DecisionLogSeed.PASSING,
                new PolicyRef(serving.path("incumbent").path("name").asText(), serving.path("incumbent").path("version").asText()),
                new PolicyRef(serving.path("shadow").path("name").asText(), serving.path("shadow").path("version").asText()));

        try (Browser browser = Browser.start(1280, 1000, SHOTS)) {
            browser.signIn("http://localhost:" + port + "/admin", username, OoClient.PASSWORD);
            Browser.waitUntil(Duration.ofSeconds(15), () -> browser.url().contains("/admin"));
            Browser.waitUntil(Duration.ofSeconds(15), () -> browser.script(
                    "return document.querySelectorAll('#policy-rows tr[data-role]').length").asInt() == 2);
            assertThat(browser.text("#policy-rows tr[data-role=incumbent]"))
                    .contains(serving.path("incumbent").path("name").asText());
            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor").asText())
                    .isEqualTo("rgb(0, 0, 0)");
            assertThat(browser.script("return document.getElementById('projections') !== null").asBoolean())
                    .as("a place for the projections section").isTrue();
            browser.screenshot("admin-1-console");

            browser.script("document.getElementById('sim-schema').value = ''; return null;");
            browser.type("#sim-schema", schema);
            browser.script("document.getElementById('sim-resamples').value = ''; return null;");
            browser.type("#sim-resamples", "3000");
            browser.click("#simulation-start");

            AtomicReference<String> seen = new AtomicReference<>("");
            Browser.waitUntil(Duration.ofSeconds(60), () -> {
                String text = browser.script("const p = document.querySelector('#runs li[data-status=running]"
                        + " .run-progress'); return p ? p.textContent : '';").asText();
                if (text.matches(".*\\d+/\\d+.*")) {
                    seen.set(text);
                    return true;
                }
                return false;
            });
            assertThat(browser.script("return document.querySelector('#runs li[data-status=running] progress') !== null")
                    .asBoolean()).isTrue();
            browser.script("document.getElementById('runs').scrollIntoView(); return null;");
            browser.screenshot("admin-2-progress");
            assertThat(seen.get()).as("stage, done/total, rate and ETA").contains(" · ", "/s");

            Browser.waitUntil(Duration.ofSeconds(180), () -> browser.script(
                    "return document.querySelector('#runs li[data-status=succeeded] a.report-link') !== null").asBoolean());
            String report = browser.script("return document.querySelector('#runs li[data-status=succeeded]"
                    + " a.report-link').getAttribute('href')").asText();
            assertThat(report).matches("/admin/api/simulations/sim-[0-9TZ-]+[0-9a-f]{6}/report");
            // The verdict shown depends on which policy earlier tests promoted in the shared context; the
            // gate's rules are tested in PolicyPromotionIT and ml/pipelines, so only the run is checked here.
            browser.script("document.getElementById('runs').scrollIntoView(); return null;");
            browser.screenshot("admin-4-report-link");

            browser.open("http://localhost:" + port + report);
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.script("return document.title").asText()
                    .contains("offline policy evaluation"));
            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor").asText())
                    .as("the report's own styles apply under its policy").isEqualTo("rgb(0, 0, 0)");
            browser.screenshot("admin-5-report");
        }
    }

    @Test
    void analystSeesEveryProjectionRebuildsOneWatchesItsProgressReachDoneAndWritesASnapshot() {
        String username = "an" + System.nanoTime();
        signUp.staff(username, OoClient.PASSWORD, Role.ANALYST);

        try (Browser browser = Browser.start(1280, 1200, SHOTS)) {
            browser.signIn("http://localhost:" + port + "/admin", username, OoClient.PASSWORD);
            Browser.waitUntil(Duration.ofSeconds(15), () -> browser.url().contains("/admin"));
            Browser.waitUntil(Duration.ofSeconds(20), () -> browser.script(
                    "return document.querySelectorAll('#projection-rows tr[data-projection]').length").asInt() == 6);
            assertThat(browser.text("#projection-rows")).contains("person-features", "tip-feed", "decision-log",
                    "consents", "integrations", "erasure-audit");
            assertThat(browser.script("return document.querySelector("
                    + "'#projection-rows tr[data-projection=\"consents\"]').dataset.status").asText())
                    .isIn("running", "error", "stopped");
            assertThat(browser.script("return document.querySelectorAll('#snapshot-form label').length").asInt())
                    .as("projection, instant and schema, each labelled").isEqualTo(3);
            assertThat(browser.script("return document.getElementById('dead-letter-table') !== null").asBoolean())
                    .isTrue();
            browser.script("document.getElementById('projections').scrollIntoView(); return null;");
            browser.screenshot("admin-6-projections");

            browser.click("button[data-rebuild=\"erasure-audit\"]");
            String state = "#projection-rows tr[data-projection=\"erasure-audit\"] .rebuild-state";
            Browser.waitUntil(Duration.ofSeconds(120), () -> browser.script(
                    "const s = document.querySelector('" + state + "'); return s ? (s.dataset.state || '') : '';")
                    .asText().equals("done"));
            String text = browser.script("return document.querySelector('" + state + "').textContent").asText();
            assertThat(text).as("state, done/total and rate").matches("done · (\\d+)/\\1 · \\d+/s.*");
            assertThat(browser.script("return document.querySelector('#projection-rows"
                    + " tr[data-projection=\"erasure-audit\"] progress').value").asInt()).isEqualTo(100);
            browser.script("document.getElementById('projections').scrollIntoView(); return null;");
            browser.screenshot("admin-7-rebuild-done");

            String schema = "console_snap_" + System.nanoTime();
            browser.script("const s = document.getElementById('snapshot-projection'); s.value = 'consents';"
                    + " const d = new Date(Date.now() - 60000); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
                    + " document.getElementById('snapshot-as-of').value = d.toISOString().slice(0, 19); return null;");
            browser.type("#snapshot-schema", schema);
            browser.click("#snapshot-start");
            String snapshot = "#projection-rows tr[data-projection=\"consents\"] .rebuild-state";
            Browser.waitUntil(Duration.ofSeconds(120), () -> browser.script(
                    "const s = document.querySelector('" + snapshot + "'); return s ? s.textContent : '';")
                    .asText().matches("done · .* · into " + schema + " as of .*"));
            assertThat(jdbcTemplate.queryForObject("SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = ? AND table_name = 'consent'", Long.class, schema)).isEqualTo(1);
            browser.screenshot("admin-8-snapshot-done");
        }
    }
}

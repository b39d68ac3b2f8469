package app.oo.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A person's whole stay in a real headless Chromium: sign in, a tip, a reaction, the next tip, a
 * consent switched off on /me that holds after a reload, the export with the person's data, the
 * account deleted after its confirmation, the session gone and the sign-in refused. Then the
 * compliance officer finds that erasure in /compliance with its evidence, replays it and sees the
 * replay's evidence. Screenshots of each step: target/browser-screenshots/journey-*.png.
 */
class PersonJourneyBrowserIT extends OoIntegrationTest {

    private static final Path SHOTS = Path.of("target/browser-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPersonUsesOoExportsDeletesTheAccountAndComplianceReplaysTheErasure() throws Exception {
        OoClient.Person person = newPerson();
        String personId = jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single();
        String base = "http://localhost:" + port;

        try (Browser browser = Browser.start(390, 844, SHOTS)) {
            browser.signIn(base + "/", person.username(), OoClient.PASSWORD);
            browser.screenshot("journey-01-signed-in");

            Browser.waitUntil(Duration.ofSeconds(20), () -> !tipId(browser).isEmpty());
            String first = tipId(browser);
            assertThat(browser.text("#tip-text")).isNotBlank();
            browser.screenshot("journey-02-tip");

            browser.click("button[data-reaction=liked]");
            Browser.waitUntil(Duration.ofSeconds(20), () -> !tipId(browser).isEmpty() && !tipId(browser).equals(first));
            Browser.waitUntil(Duration.ofSeconds(10), () -> jdbc.sql("SELECT reaction FROM tip_feed WHERE tip_id = ?::uuid")
                    .param(first).query(String.class).optional().orElse("").equals("liked"));
            browser.screenshot("journey-03-next-tip");

            browser.open(base + "/me");
            Browser.waitUntil(Duration.ofSeconds(10), () -> moodBox(browser, "checked"));
            browser.click("input[data-topic=mood]");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.text("#status").contains("Stopped: mood"));
            browser.screenshot("journey-04-consent-off");
            // the consents view follows the event store: reload until it shows the change, which must come
            Browser.waitUntil(Duration.ofSeconds(20), () -> {
                browser.open(base + "/me");
                Browser.waitUntil(Duration.ofSeconds(10), () -> browser.script(
                        "return document.querySelectorAll('#consents input[data-topic]').length").asInt() > 0);
                return !moodBox(browser, "checked");
            });
            assertThat(moodBox(browser, "checked")).as("the switched-off consent holds after a reload").isFalse();
            browser.screenshot("journey-05-consent-held");

            JsonNode export = JSON.readTree(browser.script("""
                    return fetch(document.getElementById('export').href, {credentials: 'same-origin'})
                      .then(r => r.text().then(body => JSON.stringify({status: r.status,
                        disposition: r.headers.get('Content-Disposition'), body: body})));
                    """).asText());
            assertThat(export.path("status").asInt()).isEqualTo(200);
            assertThat(export.path("disposition").asText()).contains("attachment").contains("oo-export.json");
            JsonNode data = JSON.readTree(export.path("body").asText());
            assertThat(data.path("account").path("personId").asText()).isEqualTo(personId);
            assertThat(data.path("account").path("username").asText()).isEqualTo(person.username());
            assertThat(data.path("events").findValuesAsText("type")).contains("PersonRegisteredEvent");
            assertThat(data.path("consents").toString()).contains("mood");

            browser.click("#delete-button");
            assertThat(jdbc.sql("SELECT count(*) FROM account WHERE username = ?").param(person.username())
                    .query(Long.class).single()).as("no deletion before the confirmation").isEqualTo(1);
            browser.type("#delete-confirm", "delete");
            browser.screenshot("journey-06-delete-confirmed");
            browser.click("#delete-button");
            Browser.waitUntil(Duration.ofSeconds(20), () -> browser.url().contains("/login"));
            browser.screenshot("journey-07-deleted");

            browser.open(base + "/me");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.url().contains("/login"));
            assertThat(browser.url()).as("the session ended").contains("/login");
            browser.type("input[name=username]", person.username());
            browser.type("input[name=password]", OoClient.PASSWORD);
            browser.click("button[type=submit]");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.url().contains("/login?error"));
            assertThat(browser.text(".notice")).contains("Wrong username or password");
            browser.screenshot("journey-08-sign-in-refused");

            Browser.waitUntil(Duration.ofSeconds(60), () -> jdbc.sql("""
                    SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?
                    AND payloadtype = 'app.oo.domain.erasure.PersonErasedEvent'""")
                    .param(personId).query(Long.class).single() > 0);
            browser.signIn(base + "/compliance", "compliance", "oo-demo-password");
            String row = "tr.erasure[data-person-id='" + personId + "']";
            String evidence = "tr.evidence-row[data-person-id='" + personId + "'] tbody tr";
            Browser.waitUntil(Duration.ofSeconds(15), () -> count(browser, row) == 1);
            assertThat(browser.text(row + " .erasure-status")).isEqualTo("erased");
            int before = count(browser, evidence);
            assertThat(before).as("evidence of each step").isGreaterThan(0);
            assertThat(count(browser, evidence + "[data-replay=true]")).isZero();
            browser.click("tr.evidence-row[data-person-id='" + personId + "'] summary");
            browser.script("document.querySelector(\"" + row + "\").scrollIntoView()");
            browser.screenshot("journey-09-compliance-evidence");

            browser.click(row + " button.replay");
            Browser.waitUntil(Duration.ofSeconds(60), () -> count(browser, evidence + "[data-replay=true]") > 0);
            assertThat(count(browser, evidence)).as("fresh evidence beside the old").isGreaterThan(before);
            assertThat(browser.text("#status")).contains("Replayed " + personId);
            browser.script("document.querySelector(\"" + evidence + "[data-replay=true]\").scrollIntoView()");
            browser.screenshot("journey-10-compliance-replayed");
        }
    }

    private static boolean moodBox(Browser browser, String property) {
        return browser.script("const b = document.querySelector('#consents input[data-topic=mood]'); return !!b && b."
                + property + ";").asBoolean();
    }

    private static int count(Browser browser, String css) {
        return browser.script("return document.querySelectorAll(\"" + css + "\").length").asInt();
    }

    private static String tipId(Browser browser) {
        return browser.script("return document.getElementById('tip-text').dataset.tipId || ''").asText();
    }
}

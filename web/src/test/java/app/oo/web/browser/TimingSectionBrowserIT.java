package app.oo.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timing section of /me in a real headless Chromium, under the strict CSP: shows the defaults, saves, names a bad field. */
class TimingSectionBrowserIT extends OoIntegrationTest {

    private static final Path SHOTS = Path.of("target/browser-screenshots");

    @Test
    void personSetsTheirTimingPreferencesOnTheirPage() {
        OoClient.Person person = newPerson();
        try (Browser browser = Browser.start(390, 1400, SHOTS)) {
            browser.signIn("http://localhost:" + port + "/me", person.username(), OoClient.PASSWORD);
            Browser.waitUntil(Duration.ofSeconds(15), () -> browser.url().contains("/me"));
            Browser.waitUntil(Duration.ofSeconds(15), () -> !value(browser, "timing-quiet-start").isEmpty());
            assertThat(value(browser, "timing-quiet-start")).isEqualTo("22:00");
            assertThat(browser.text("#timing-status")).contains("defaults");

            browser.script("document.getElementById('timing-zone').value = 'Mars/Olympus'; return true");
            browser.click("#timing-save");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.text("#timing-status").startsWith("Not saved"));
            assertThat(browser.text("#timing-status")).contains("timeZone");
            assertThat(browser.script("return document.getElementById('timing-zone').getAttribute('aria-invalid')")
                    .asText()).isEqualTo("true");

            browser.script("""
                    document.getElementById('timing-zone').value = 'Europe/Lisbon';
                    document.getElementById('timing-cap').value = '5';
                    document.querySelector('input[name=trigger][value=task-overdue]').checked = false;
                    return true""");
            browser.click("#timing-save");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.text("#timing-status").equals("Saved."));
            browser.screenshot("timing-saved");
        }
        JsonNode saved = person.get("/api/me/timing").json();
        assertThat(saved.path("timeZone").asText()).isEqualTo("Europe/Lisbon");
        assertThat(saved.path("dailyCap").asInt()).isEqualTo(5);
        assertThat(saved.path("triggers").toString()).contains("morning").doesNotContain("task-overdue");
    }

    private static String value(Browser browser, String id) {
        return browser.script("return document.getElementById('" + id + "').value").asText();
    }
}

package app.oo.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.todoist.FakeTodoist;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The "Connected services" section of /me in a real headless Chromium: connect Todoist through the
 * (fake) Todoist consent screen, see the status and the last sync, sync now, disconnect.
 */
class IntegrationsBrowserIT extends OoIntegrationTest {

    private static final Path SHOTS = Path.of("target/browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void personConnectsSyncsAndDisconnectsTodoistFromTheirPage() {
        OoClient.Person person = newPerson();
        FakeTodoist todoist = FakeTodoist.shared();
        FakeTodoist.Account account = todoist.newAccount().openTask("1", "Renew the passport", LocalDate.now());
        String issued = account.accessToken();
        try (Browser browser = Browser.start(1024, 900, SHOTS)) {
            browser.signIn("http://localhost:" + port + "/me", person.username(), OoClient.PASSWORD);
            Browser.waitUntil(WAIT, () -> browser.url().contains("/me")
                    && sectionText(browser).contains("Not connected"));
            shoot(browser, "integrations-1-not-connected");

            todoist.approveNextWith(account);
            browser.click("#integrations a.connect");

            Browser.waitUntil(WAIT, () -> browser.text("#integrations-message").contains("Todoist is connected"));
            Browser.waitUntil(WAIT, () -> browser.script("return document.activeElement.id").asText()
                    .equals("integrations-message"));
            assertThat(browser.url()).doesNotContain("todoist=");
            Browser.waitUntil(WAIT, () -> {
                browser.open("http://localhost:" + port + "/me");
                Browser.waitUntil(WAIT, () -> sectionText(browser).contains("Todoist"));
                return sectionText(browser).contains("ok: 1 open");
            });
            shoot(browser, "integrations-2-connected");

            browser.click("#integrations button:first-of-type");
            Browser.waitUntil(WAIT, () -> browser.text("#integrations-message").contains("sync started"));

            browser.script("document.querySelectorAll('#integrations button')[1].click(); return true;");
            Browser.waitUntil(WAIT, () -> browser.text("#integrations-message").contains("disconnected"));
            Browser.waitUntil(WAIT, () -> sectionText(browser).contains("Connect Todoist"));
            shoot(browser, "integrations-3-disconnected");
        }
        assertThat(todoist.revokedTokens()).contains(issued);
    }

    private static void shoot(Browser browser, String name) {
        browser.script("document.getElementById('integrations').scrollIntoView(); return true;");
        browser.screenshot(name);
    }

    private static String sectionText(Browser browser) {
        return browser.script("return document.getElementById('integrations').innerText").asText();
    }
}

package app.oo.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The page in a real headless Chromium: sign in, see one tip white on black, react by key and by
 * click, get the next tip without a reload. Screenshots of each step stay in
 * target/browser-screenshots.
 */
class TipPageBrowserIT extends OoIntegrationTest {

    private static final Path SHOTS = Path.of("target/browser-screenshots");

    @Test
    void personSignsInSeesOneTipAndReactsByKeyAndByClick() {
        OoClient.Person person = newPerson();
        try (Browser browser = Browser.start(390, 844, SHOTS)) {
            browser.open("http://localhost:" + port + "/");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.url().contains("/login"));
            browser.type("input[name=username]", person.username());
            browser.type("input[name=password]", OoClient.PASSWORD);
            browser.screenshot("1-sign-in");
            browser.click("button[type=submit]");

            Browser.waitUntil(Duration.ofSeconds(15), () -> !tipId(browser).isEmpty());
            String first = tipId(browser);
            assertThat(browser.text("#tip-text")).isNotBlank();
            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor").asText())
                    .isEqualTo("rgb(0, 0, 0)");
            assertThat(browser.script("return getComputedStyle(document.getElementById('tip-text')).color").asText())
                    .isEqualTo("rgb(255, 255, 255)");
            assertThat(browser.script("return document.querySelectorAll('main p').length").asInt())
                    .as("one tip, nothing else competing").isEqualTo(1);
            browser.screenshot("2-first-tip");

            browser.press("d");
            Browser.waitUntil(Duration.ofSeconds(15), () -> !tipId(browser).isEmpty() && !tipId(browser).equals(first));
            String second = tipId(browser);
            assertThat(jdbc.sql("SELECT reaction FROM tip_feed WHERE tip_id = ?::uuid").param(first)
                    .query(String.class).optional()).hasValue("done");
            browser.screenshot("3-after-key-d");

            browser.click("button[data-reaction=liked]");
            Browser.waitUntil(Duration.ofSeconds(15), () -> !tipId(browser).isEmpty() && !tipId(browser).equals(second));
            Browser.waitUntil(Duration.ofSeconds(10), () -> jdbc.sql("SELECT reaction FROM tip_feed WHERE tip_id = ?::uuid")
                    .param(second).query(String.class).optional().orElse("").equals("liked"));
            browser.screenshot("4-after-click-like");

            browser.open("http://localhost:" + port + "/me");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.url().endsWith("/me"));
            browser.click("#sign-out");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.url().contains("/login?signedOut"));
            browser.open("http://localhost:" + port + "/");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.url().contains("/login"));
            assertThat(browser.url()).as("signed out: the page asks to sign in again").doesNotEndWith(":" + port + "/");
            browser.screenshot("5-signed-out");
        }
    }

    private static String tipId(Browser browser) {
        // null-safe: while the sign-in form is still on screen there is no tip element yet
        return browser.script("const t = document.getElementById('tip-text'); return t ? (t.dataset.tipId || '') : ''")
                .asText();
    }
}

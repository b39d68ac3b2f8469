package app.oo.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.FakeOidcProvider;
import app.oo.web.OoIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "Sign in with Test ID" in a real headless Chromium: the link on /login, the round trip through
 * the upstream provider, the new person's consents on /me, then the tip page. Screenshots: target/browser-screenshots/provider-*.png.
 */
class ProviderSignInBrowserIT extends OoIntegrationTest {

    private static final Path SHOTS = Path.of("target/browser-screenshots");

    @Test
    void aNewPersonSignsInThroughTheProviderChoosesConsentsAndGetsATip() {
        String subject = "browser-" + UUID.randomUUID();
        FakeOidcProvider.shared().signInNextAs(subject);

        try (Browser browser = Browser.start(390, 844, SHOTS)) {
            browser.open("http://localhost:" + port + "/");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.url().contains("/login"));
            assertThat(browser.text("a.provider")).isEqualTo("Sign in with Test ID");
            browser.screenshot("provider-1-sign-in");
            browser.click("a.provider");

            // a person new to oO chooses consents first: a tip needs the "tips" consent
            Browser.waitUntil(Duration.ofSeconds(20), () -> browser.url().endsWith("/me?welcome"));
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.script(
                    "return document.querySelectorAll('#consents input[data-topic]').length").asInt() > 0);
            assertThat(browser.script("return document.getElementById('welcome').hidden").asBoolean()).isFalse();
            assertThat(browser.script("return Array.from(document.querySelectorAll('#consents input[data-topic]'))"
                    + ".some(b => b.checked)").asBoolean()).as("nothing allowed before the person chooses").isFalse();
            browser.screenshot("provider-2-welcome");
            browser.click("input[data-topic=tips]");
            Browser.waitUntil(Duration.ofSeconds(10), () -> browser.text("#status").contains("Allowed: tips"));

            browser.open("http://localhost:" + port + "/");
            Browser.waitUntil(Duration.ofSeconds(20), () -> !browser.script(
                    "return document.getElementById('tip-text').dataset.tipId || ''").asText().isEmpty());
            browser.screenshot("provider-2-tip");
        }

        assertThat(jdbc.sql("""
                        SELECT a.password_hash IS NULL FROM account a JOIN account_provider p ON p.username = a.username
                        WHERE p.subject = ?""").param(subject).query(Boolean.class).single()).isTrue();
    }
}

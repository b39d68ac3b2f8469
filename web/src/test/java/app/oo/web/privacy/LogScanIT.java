package app.oo.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.command.integration.ProviderToken;
import app.oo.command.integration.TokenVault;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import app.oo.query.deadletter.ProjectionDeadLetters;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.identity.SignUp;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Secrets never reach the logs. While a Logback appender captures everything the app logs (root at
 * INFO as in production, oO's own code at DEBUG), a person signs up and signs in with a password
 * (and once with a wrong one), a provider token goes into the token vault and comes back out, and a
 * signal carries a personal note; not one of those values appears in any captured line or stack
 * trace.
 */
class LogScanIT extends OoIntegrationTest {

    @Autowired
    SignUp signUp;

    @Autowired
    TokenVault vault;

    @Autowired
    ProjectionDeadLetters deadLetters;

    @Test
    void noPasswordProviderTokenOrPersonalNoteIsLogged() {
        long n = System.nanoTime();
        String password = "pw-marker-" + n;
        String wrongPassword = "wrong-pw-marker-" + n;
        String accessToken = "access-token-marker-" + n;
        String refreshToken = "refresh-token-marker-" + n;
        String note = "personal-note-marker-" + n;
        List<String> markers = List.of(password, wrongPassword, accessToken, refreshToken, note);

        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger app = (Logger) LoggerFactory.getLogger("app.oo");
        Level rootLevel = root.getLevel();
        Level appLevel = app.getLevel();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.INFO);
        app.setLevel(Level.DEBUG);
        try {
            String username = "logscan" + n;
            PersonId person = signUp.person(username, password, Arrays.asList(ConsentTopic.values()));
            OoClient client = client();
            assertThatThrownBy(() -> client.signIn(username, wrongPassword)).isInstanceOf(IllegalStateException.class);
            OoClient.Person signedIn = client.signIn(username, password);

            String ref = vault.put(IntegrationId.of(person, "todoist"),
                    new ProviderToken(accessToken, refreshToken, Instant.now().plus(Duration.ofHours(1))));
            assertThat(vault.get(ref)).hasValueSatisfying(t -> assertThat(t.accessToken()).isEqualTo(accessToken));

            OoClient.Response signal = signedIn.post("/api/signals", """
                    {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":2,"note":"%s"}}"""
                    .formatted(Instant.now().minusSeconds(60), note));
            assertThat(signal.status()).as(signal.body()).isEqualTo(202);
            deadLetters.retry("person-features", null);
        } finally {
            root.detachAppender(captured);
            root.setLevel(rootLevel);
            app.setLevel(appLevel);
            captured.stop();
        }

        List<String> lines = captured.list.stream().map(LogScanIT::render).toList();
        assertThat(lines).as("the appender saw the flow").anyMatch(line -> line.contains("person-features: retried"));
        for (String marker : markers) {
            assertThat(lines).as("lines holding " + marker).noneMatch(line -> line.contains(marker));
        }
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return line.toString();
    }
}

package app.oo.web.todoist;

import app.oo.domain.person.PersonId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The server side of a connect in progress, in {@code todoist_oauth_state}: a random {@code state}
 * (only its hash is stored) bound to the person who started the connect, and the PKCE verifier.
 * Each state is taken once, by that person, before it expires; any other use finds nothing.
 */
@Component
class OAuthStates {

    /** A started connect: what goes into the authorize URL. */
    record Started(String state, String codeChallenge) {
    }

    /** How taking a state back went; {@code codeVerifier} is set only when {@code OK}. */
    record Taken(Result result, String codeVerifier) {
    }

    enum Result { OK, UNKNOWN, EXPIRED, OTHER_PERSON }

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final TodoistProperties settings;
    private final Clock clock;

    OAuthStates(JdbcClient jdbc, TodoistProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    Started start(PersonId person) {
        Instant now = clock.instant();
        String state = randomUrlSafe(32);
        String verifier = randomUrlSafe(48);
        jdbc.sql("DELETE FROM todoist_oauth_state WHERE expires_at < ?").param(Timestamp.from(now)).update();
        jdbc.sql("INSERT INTO todoist_oauth_state (state_hash, person_id, code_verifier, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(state), person.value(), verifier, Timestamp.from(now.plus(settings.stateTtl())))
                .update();
        return new Started(state, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII))));
    }

    /** Takes the state out whatever the outcome: a state is never good twice. */
    Taken take(String state, PersonId person) {
        if (state == null || state.isBlank() || state.length() > 200) {
            return new Taken(Result.UNKNOWN, null);
        }
        record Row(UUID person, String verifier, Instant expiresAt) {
        }
        return jdbc.sql("DELETE FROM todoist_oauth_state WHERE state_hash = ? RETURNING person_id, code_verifier, expires_at")
                .param(hash(state))
                .query((rs, n) -> new Row(rs.getObject("person_id", UUID.class), rs.getString("code_verifier"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .map(row -> !row.person().equals(person.value()) ? new Taken(Result.OTHER_PERSON, null)
                        : row.expiresAt().isBefore(clock.instant()) ? new Taken(Result.EXPIRED, null)
                        : new Taken(Result.OK, row.verifier()))
                .orElse(new Taken(Result.UNKNOWN, null));
    }

    private String randomUrlSafe(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static String hash(String state) {
        return HexFormat.of().formatHex(sha256(state.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package app.oo.web.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTest {

    private final Instant issued = Instant.parse("2026-11-25T10:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(issued.plusSeconds(10));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("forged")) {
            throw new BadJwtException("bad signature");
        }
        if (now.get().isAfter(issued.plus(Duration.ofMinutes(6)))) {
            throw new BadJwtException("expired, as the real verifier says");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("person")
                .issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(5))).build();
    };
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, 100, Duration.ofMinutes(5), clock);

    @Test
    void aTokenIsVerifiedOnceAndServedFromThenOn() {
        Jwt first = tokens.decode("token-a");
        Jwt again = tokens.decode("token-a");

        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
        tokens.decode("token-b");
        assertThat(verifications).as("another token string is verified on its own").hasValue(2);
    }

    @Test
    void aKeptTokenIsRefusedOnceItExpires() {
        tokens.decode("token-a");
        now.set(issued.plus(Duration.ofMinutes(5)).plus(Duration.ofSeconds(61)));

        assertThatThrownBy(() -> tokens.decode("token-a")).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode("token-a")).as("forgotten: the verifier decides again")
                .isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverKept() {
        assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged-1")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).hasValue(2);
    }
}

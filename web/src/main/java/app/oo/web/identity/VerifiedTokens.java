package app.oo.web.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that verifies a token's signature once: the same token string, already
 * verified, is parsed and checked by RSA again on every request otherwise (a sixth of the request
 * threads' CPU when the current tip is served). A token is kept, by its exact string, only after
 * the delegate accepted it, for at most {@code keepFor}; each use still checks its expiry and
 * not-before, so a cached token is refused from the instant it expires. Refused tokens are never
 * kept. A signing key withdrawn from the key set stops accepting its tokens here within
 * {@code keepFor}.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final JwtTimestampValidator timestamps;

    VerifiedTokens(JwtDecoder delegate, int maxTokens, Duration keepFor, Clock clock) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(keepFor).build();
        this.timestamps = new JwtTimestampValidator();
        this.timestamps.setClock(clock);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt decoded = delegate.decode(token);
            verified.put(token, decoded);
            return decoded;
        }
        OAuth2TokenValidatorResult result = timestamps.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("the token is no longer valid", result.getErrors());
        }
        return known;
    }
}

package app.oo.web.identity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings.
 *
 * @param signingKey       JWK (JSON, RSA with private part) that signs tokens; survives restarts.
 *                         Blank: {@code <oo.data-dir>/auth/signing-key.json}, created there in the dev and test profiles only
 * @param issuer           the issuer URL put in tokens; blank: taken from the request
 * @param cliRedirectUri   redirect URI registered for the {@code oo-cli} public client (infra/dev/token)
 * @param accessTokenTtl   lifetime of access tokens
 * @param refreshTokenTtl  lifetime of a refresh token; each refresh replaces it with a new one (ADR 0016)
 * @param allowSignUp      whether anyone may create an account on the local server (dev profile)
 */
@ConfigurationProperties("oo.identity")
public record IdentityProperties(Path signingKey, String issuer,
                                 @DefaultValue("http://127.0.0.1:8765/callback") String cliRedirectUri,
                                 @DefaultValue("1h") Duration accessTokenTtl,
                                 @DefaultValue("14d") Duration refreshTokenTtl,
                                 @DefaultValue("false") boolean allowSignUp) {
}

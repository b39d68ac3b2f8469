package app.oo.web.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void prodRefusesToStartWithoutASigningKeyAndCreatesNone() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        IdentityProperties props = properties(null);

        assertThatThrownBy(() -> new AuthorizationServerConfiguration().jwkSource(props, dir, prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no signing key at " + dir.resolve("auth/signing-key.json"))
                .hasMessageContaining("oo.identity.signing-key");
        assertThat(dir.resolve("auth")).doesNotExist();
    }

    @Test
    void prodUsesTheConfiguredKeyFile() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("prod-key").generate();
        Path file = Files.writeString(dir.resolve("prod.jwk"), key.toJSONString());
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        var source = new AuthorizationServerConfiguration().jwkSource(properties(file), dir, prod);

        assertThat(source.get(new JWKSelector(new JWKMatcher.Builder().build()), null))
                .singleElement().satisfies(jwk -> assertThat(jwk.getKeyID()).isEqualTo("prod-key"));
    }

    @Test
    void theDevKeyIsWrittenOnceAndTheSameKeyIsReadAfterARestart() {
        Path file = dir.resolve("auth/signing-key.json");

        RSAKey first = SigningKeys.load(file, true);
        RSAKey afterRestart = SigningKeys.load(file, true);

        assertThat(file).exists();
        assertThat(afterRestart.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(afterRestart.getModulus()).isEqualTo(first.getModulus());
    }

    @Test
    void aKeyWithoutItsPrivatePartIsRefused() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("public-only").generate();
        Path file = Files.writeString(dir.resolve("public.jwk"), new JWKSet(key.toPublicJWK()).getKeys().get(0).toJSONString());

        assertThatThrownBy(() -> SigningKeys.load(file, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private part");
    }

    private static IdentityProperties properties(Path signingKey) {
        return new IdentityProperties(signingKey, null, "http://127.0.0.1:8765/callback", Duration.ofHours(1),
                Duration.ofDays(14), false);
    }
}

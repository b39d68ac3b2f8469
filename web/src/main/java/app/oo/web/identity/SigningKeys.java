package app.oo.web.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that signs access and id tokens. It is read from a file so tokens stay valid across
 * restarts; only the dev and test profiles may create that file, never in memory alone.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    static RSAKey load(Path file, boolean mayCreate) {
        try {
            if (Files.exists(file)) {
                JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
                if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
                    throw new IllegalStateException("the signing key in " + file + " must be an RSA JWK with its private part");
                }
                return rsa;
            }
            if (!mayCreate) {
                throw new IllegalStateException("no signing key at " + file
                        + ": set oo.identity.signing-key to an RSA JWK file (only the dev and test profiles create one)");
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.getParent());
            Files.writeString(file, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("cannot restrict the permissions of {}", file);
            }
            log.info("created a signing key in {} (dev or test profile)", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("unusable signing key in " + file + ": " + e.getMessage(), e);
        }
    }
}

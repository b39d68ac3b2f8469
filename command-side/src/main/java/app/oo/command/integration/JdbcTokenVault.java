package app.oo.command.integration;

import app.oo.command.privacy.AesGcm;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token vault in {@code token_vault}: tokens sealed with AES-256-GCM under the vault key, a fresh
 * nonce on every write, bound to their vault reference and integration so that a row copied elsewhere
 * does not open. Nothing here logs, and no message it throws holds a token.
 */
public class JdbcTokenVault implements TokenVault {

    private final JdbcClient jdbc;
    private final SecretKey key;
    private final Clock clock;

    /** @throws IllegalStateException naming {@code oo.vault.key} (never its value) when it is missing or malformed */
    public JdbcTokenVault(JdbcClient jdbc, String base64Key, Clock clock) {
        this.jdbc = jdbc;
        this.key = AesGcm.key(decode(base64Key));
        this.clock = clock;
    }

    @Override
    public String put(IntegrationId integrationId, ProviderToken token) {
        String vaultRef = jdbc.sql("SELECT vault_ref FROM token_vault WHERE integration_id = ?")
                .param(integrationId.value()).query(String.class).optional()
                .orElseGet(() -> "vault:" + UUID.randomUUID());
        byte[] sealed = AesGcm.seal(key, encode(token), aad(vaultRef, integrationId.value()));
        jdbc.sql("""
                        INSERT INTO token_vault (vault_ref, integration_id, person_id, sealed, updated_at)
                        VALUES (:ref, :integration, :person, :sealed, :now)
                        ON CONFLICT (integration_id) DO UPDATE SET sealed = EXCLUDED.sealed, updated_at = EXCLUDED.updated_at""")
                .param("ref", vaultRef)
                .param("integration", integrationId.value())
                .param("person", integrationId.personId().value())
                .param("sealed", sealed)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return vaultRef;
    }

    @Override
    public Optional<ProviderToken> get(String vaultRef) {
        return jdbc.sql("SELECT integration_id, sealed FROM token_vault WHERE vault_ref = ?").param(vaultRef)
                .query((rs, n) -> decode(AesGcm.open(key, rs.getBytes("sealed"),
                        aad(vaultRef, rs.getString("integration_id")))))
                .optional();
    }

    @Override
    public boolean delete(String vaultRef) {
        return jdbc.sql("DELETE FROM token_vault WHERE vault_ref = ?").param(vaultRef).update() > 0;
    }

    @Override
    public int deleteAllOf(PersonId personId) {
        return jdbc.sql("DELETE FROM token_vault WHERE person_id = ?").param(personId.value()).update();
    }

    private static byte[] aad(String vaultRef, String integrationId) {
        return ("oo:vault:" + vaultRef + ":" + integrationId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(ProviderToken token) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(token.accessToken());
            out.writeBoolean(token.refreshToken() != null);
            if (token.refreshToken() != null) {
                out.writeUTF(token.refreshToken());
            }
            out.writeLong(token.expiresAt() == null ? Long.MIN_VALUE : token.expiresAt().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a provider token", e);
        }
        return bytes.toByteArray();
    }

    private static ProviderToken decode(byte[] plaintext) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            String access = in.readUTF();
            String refresh = in.readBoolean() ? in.readUTF() : null;
            long expires = in.readLong();
            return new ProviderToken(access, refresh, expires == Long.MIN_VALUE ? null : Instant.ofEpochMilli(expires));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a vault entry", e);
        }
    }

    private static byte[] decode(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException("oo.vault.key (OO_VAULT_KEY) is required: 32 random bytes in base64 "
                    + "(openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("oo.vault.key is not valid base64");
        }
        if (raw.length != AesGcm.KEY_BYTES) {
            throw new IllegalStateException("oo.vault.key must decode to 32 bytes, decodes to " + raw.length);
        }
        return raw;
    }
}

package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Wraps data keys for storage (AES-256-GCM, bound to the key's id and person so that a wrapped key
 * copied onto another row does not unwrap). Comes from {@code oo.crypto.master-key}.
 */
public final class MasterKey {

    private final SecretKey key;

    private MasterKey(SecretKey key) {
        this.key = key;
    }

    /**
     * @param setting the configuration name, for the message when the value is missing or malformed
     * @throws IllegalStateException naming the setting, never its value
     */
    public static MasterKey fromBase64(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(setting + " is required: 32 random bytes in base64 (openssl rand -base64 32)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not valid base64");
        }
        if (raw.length != AesGcm.KEY_BYTES) {
            throw new IllegalStateException(setting + " must decode to " + AesGcm.KEY_BYTES + " bytes, decodes to "
                    + raw.length);
        }
        return new MasterKey(AesGcm.key(raw));
    }

    byte[] wrap(DataKey dataKey) {
        return AesGcm.seal(key, dataKey.key().getEncoded(), aad(dataKey.keyId(), dataKey.personId()));
    }

    DataKey unwrap(UUID keyId, PersonId personId, byte[] wrapped) {
        return new DataKey(keyId, personId, AesGcm.key(AesGcm.open(key, wrapped, aad(keyId, personId))));
    }

    private static byte[] aad(UUID keyId, PersonId personId) {
        return ("oo:data-key:" + keyId + ":" + personId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MasterKey[(secret)]";
    }
}

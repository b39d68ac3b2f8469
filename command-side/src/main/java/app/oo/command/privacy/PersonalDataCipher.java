package app.oo.command.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Seals a personal value (its JSON bytes) into the tagged string stored in place of it:
 * {@code oo:enc:v1:<keyId>:<base64(nonce || ciphertext+tag)>}. The key id in the tag is all a reader
 * needs, so decryption works without knowing the event's type or its data subject.
 */
public final class PersonalDataCipher {

    public static final String PREFIX = "oo:enc:v1:";
    /** What a personal string reads as once its key is gone. */
    public static final String REDACTED = "[erased]";

    private final DataKeys keys;

    public PersonalDataCipher(DataKeys keys) {
        this.keys = keys;
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String seal(DataKey key, byte[] json) {
        byte[] sealed = AesGcm.seal(key.key(), json, aad(key.keyId()));
        return PREFIX + key.keyId() + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * @return the JSON bytes, or empty when the key was shredded
     * @throws AesGcm.TamperedCiphertextException when the value does not authenticate under its key
     */
    public Optional<byte[]> open(String tagged) {
        int separator = tagged.indexOf(':', PREFIX.length());
        if (separator < 0) {
            throw new AesGcm.TamperedCiphertextException("malformed sealed value: no key id");
        }
        UUID keyId;
        byte[] sealed;
        try {
            keyId = UUID.fromString(tagged.substring(PREFIX.length(), separator));
            sealed = Base64.getDecoder().decode(tagged.substring(separator + 1));
        } catch (IllegalArgumentException e) {
            throw new AesGcm.TamperedCiphertextException("malformed sealed value");
        }
        return keys.byId(keyId).map(key -> AesGcm.open(key.key(), sealed, aad(keyId)));
    }

    private static byte[] aad(UUID keyId) {
        return (PREFIX + keyId).getBytes(StandardCharsets.UTF_8);
    }
}

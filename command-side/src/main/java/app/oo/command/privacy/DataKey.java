package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.SecretKey;

/** One person's data key; {@code keyId} names it in every ciphertext it sealed. */
public record DataKey(UUID keyId, PersonId personId, SecretKey key) {

    public DataKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(key, "key");
    }

    /** Never the key material: records print every component otherwise. */
    @Override
    public String toString() {
        return "DataKey[keyId=" + keyId + ", personId=" + personId + ", key=(secret)]";
    }
}

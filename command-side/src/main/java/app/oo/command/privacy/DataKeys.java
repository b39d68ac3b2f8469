package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import java.util.Optional;
import java.util.UUID;

/** The per-person data keys: created on first use, deleted for good by {@link #shred(PersonId)}. */
public interface DataKeys {

    /**
     * The person's key, created (and committed) on first use.
     *
     * @return empty once the person's key was shredded: nothing personal may be stored for them any more
     */
    Optional<DataKey> forSubject(PersonId personId);

    /** @return empty when the key was shredded (or never existed) */
    Optional<DataKey> byId(UUID keyId);

    /**
     * Deletes the person's key material, leaving a tombstone so that no new key is created for them:
     * every ciphertext it sealed, in the event store, snapshots and backups alike, becomes unreadable.
     */
    void shred(PersonId personId);
}

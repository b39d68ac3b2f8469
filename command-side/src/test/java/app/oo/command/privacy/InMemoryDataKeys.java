package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Data keys in memory, for tests of the serializer without a database. */
final class InMemoryDataKeys implements DataKeys {

    private final Map<PersonId, DataKey> keys = new ConcurrentHashMap<>();
    private final Set<PersonId> shredded = ConcurrentHashMap.newKeySet();
    int lookups;

    @Override
    public Optional<DataKey> forSubject(PersonId personId) {
        lookups++;
        if (shredded.contains(personId)) {
            return Optional.empty();
        }
        return Optional.of(keys.computeIfAbsent(personId, p -> new DataKey(UUID.randomUUID(), p, AesGcm.newKey())));
    }

    @Override
    public Optional<DataKey> byId(UUID keyId) {
        return keys.values().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    @Override
    public void shred(PersonId personId) {
        shredded.add(personId);
        keys.remove(personId);
    }
}

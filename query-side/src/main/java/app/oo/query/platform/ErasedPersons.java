package app.oo.query.platform;

import static app.oo.query.jooq.Tables.ERASED_PERSON;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The persons who were erased, kept in {@code erased_person} and in memory: every projection asks
 * here before it writes a person's row. The set only grows, so a stale copy on another node is at
 * worst missing a person that node's own processors add when they reach the erasure event.
 */
@Component
public class ErasedPersons {

    private final DSLContext db;
    private final Set<UUID> erased = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    public ErasedPersons(DSLContext db) {
        this.db = db;
    }

    public boolean contains(PersonId personId) {
        if (!loaded) {
            reload();
        }
        return erased.contains(personId.value());
    }

    /** Records the tombstone in the caller's transaction (idempotent) and remembers it. */
    public void add(PersonId personId, Instant erasedAt) {
        db.insertInto(ERASED_PERSON)
                .set(ERASED_PERSON.PERSON_ID, personId.value())
                .set(ERASED_PERSON.ERASED_AT, erasedAt.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
        erased.add(personId.value());
    }

    /** Reads the tombstones again, e.g. before a rebuild, so erasures made on other nodes count too. */
    public synchronized void reload() {
        erased.addAll(db.select(ERASED_PERSON.PERSON_ID).from(ERASED_PERSON).fetch(ERASED_PERSON.PERSON_ID));
        loaded = true;
    }

    public int size() {
        if (!loaded) {
            reload();
        }
        return erased.size();
    }
}

package app.oo.command.person;

import app.oo.domain.consent.ConsentMissingException;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.person.PersonErasedException;
import app.oo.domain.person.PersonId;

/**
 * What another aggregate asks the person's aggregate before acting on the person's behalf. The
 * answer comes from the person's own aggregate, loaded (and locked) in the same unit of work, so a
 * consent revoked a moment earlier is seen, not an eventually consistent view of it.
 */
public interface PersonGuard {

    /**
     * @throws PersonErasedException   when the person asked to be erased
     * @throws ConsentMissingException when the person has not consented to {@code topic}
     */
    void requireConsent(PersonId personId, ConsentTopic topic);

    /** @throws PersonErasedException when the person asked to be erased */
    void requireNotErased(PersonId personId);
}

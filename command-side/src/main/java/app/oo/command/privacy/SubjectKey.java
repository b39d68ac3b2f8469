package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import java.util.Optional;

/**
 * The data subject of the message being serialized, handed to the field serializers as a Jackson
 * attribute. The key is looked up once, and only when a personal value is actually written.
 */
final class SubjectKey {

    static final Object ATTRIBUTE = SubjectKey.class;

    private final PersonId personId;
    private final DataKeys keys;
    private Optional<DataKey> key;

    SubjectKey(PersonId personId, DataKeys keys) {
        this.personId = personId;
        this.keys = keys;
    }

    /** @return empty when the person's key was shredded: the value is then written redacted */
    Optional<DataKey> key() {
        if (personId == null) {
            throw new IllegalStateException("personal data in a message whose @DataSubject is null: refusing to "
                    + "store it unencrypted");
        }
        if (key == null) {
            key = keys.forSubject(personId);
        }
        return key;
    }
}

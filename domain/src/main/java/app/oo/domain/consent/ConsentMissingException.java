package app.oo.domain.consent;

import app.oo.domain.person.PersonId;

/** A command needs a consent the person has not given (or has revoked). */
public class ConsentMissingException extends IllegalStateException {

    private final ConsentTopic topic;

    public ConsentMissingException(PersonId personId, ConsentTopic topic) {
        super("person " + personId + " has not consented to '" + topic.wireName() + "'");
        this.topic = topic;
    }

    public ConsentTopic topic() {
        return topic;
    }
}

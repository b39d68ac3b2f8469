package app.oo.command.person;

import app.oo.domain.consent.ConsentMissingException;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.person.PersonErasedException;
import app.oo.domain.person.PersonId;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** {@link PersonGuard} answered by the event-sourced (and cached) person aggregate. */
@Component
public class AggregatePersonGuard implements PersonGuard {

    private final Configuration axon;

    public AggregatePersonGuard(Configuration axon) {
        this.axon = axon;
    }

    @Override
    public void requireConsent(PersonId personId, ConsentTopic topic) {
        person(personId).execute(person -> {
            if (person.erasureRequested()) {
                throw new PersonErasedException(personId);
            }
            if (!person.hasConsent(topic)) {
                throw new ConsentMissingException(personId, topic);
            }
        });
    }

    @Override
    public void requireNotErased(PersonId personId) {
        person(personId).execute(person -> {
            if (person.erasureRequested()) {
                throw new PersonErasedException(personId);
            }
        });
    }

    private org.axonframework.modelling.command.Aggregate<Person> person(PersonId personId) {
        Repository<Person> people = axon.repository(Person.class);
        return people.load(personId.toString());
    }
}

package app.oo.domain.person;

/** Refuses every command for a person whose erasure was requested. */
public class PersonErasedException extends IllegalStateException {

    public PersonErasedException(PersonId personId) {
        super("person " + personId + " asked to be erased: no further commands are accepted");
    }
}

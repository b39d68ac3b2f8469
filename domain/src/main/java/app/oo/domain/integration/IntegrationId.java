package app.oo.domain.integration;

import app.oo.domain.person.PersonId;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** One person's connection to one provider: {@code <personId>:<provider>}. */
public record IntegrationId(String value) {

    public IntegrationId {
        Objects.requireNonNull(value, "integration id");
        if (!value.matches("[0-9a-f-]{36}:[a-z]+")) {
            throw new IllegalArgumentException("an integration id is <personId>:<provider>, was '" + value + "'");
        }
    }

    public static IntegrationId of(PersonId personId, String provider) {
        return new IntegrationId(personId + ":" + provider);
    }

    @JsonCreator
    public static IntegrationId parse(String value) {
        return new IntegrationId(value);
    }

    public PersonId personId() {
        return PersonId.of(value.substring(0, value.indexOf(':')));
    }

    public String provider() {
        return value.substring(value.indexOf(':') + 1);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}

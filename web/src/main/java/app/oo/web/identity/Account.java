package app.oo.web.identity;

import app.oo.domain.person.PersonId;
import java.util.Set;

/**
 * A sign-in account. {@code passwordHash} is null for a person who signs in through a provider;
 * {@code personId} is null for staff.
 */
public record Account(String username, String passwordHash, PersonId personId, Set<Role> roles) {

    public Account {
        roles = Set.copyOf(roles);
    }
}

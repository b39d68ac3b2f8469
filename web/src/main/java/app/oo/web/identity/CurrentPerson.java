package app.oo.web.identity;

import app.oo.domain.person.PersonId;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** The person a request acts for: from the token's {@code pid} claim, or from the session's account. */
@Component
public class CurrentPerson {

    private final AccountRepository accounts;

    public CurrentPerson(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public PersonId of(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt) {
            String pid = jwt.getToken().getClaimAsString(AuthorizationServerConfiguration.PERSON_CLAIM);
            if (pid != null) {
                return PersonId.of(pid);
            }
        } else if (authentication != null && authentication.isAuthenticated()) {
            PersonId personId = accounts.find(authentication.getName()).map(Account::personId).orElse(null);
            if (personId != null) {
                return personId;
            }
        }
        throw new AccessDeniedException("this account stands for no person");
    }
}

package app.oo.web.identity;

import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.consent.GrantConsentCommand;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.RegisterPersonCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates an account and registers the person behind it, with the consents the person chose. */
@Service
public class SignUp {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    static final int MIN_PASSWORD = 10;

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final CommandGateway commands;
    private final Clock clock;
    private final String policyVersion;

    public SignUp(AccountRepository accounts, PasswordEncoder passwords, CommandGateway commands, Clock clock,
                  @Value("${oo.privacy.policy-version}") String policyVersion) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.commands = commands;
        this.clock = clock;
        this.policyVersion = policyVersion;
    }

    /** Thrown when the request breaks a rule; {@code field} names the form field at fault. */
    public static class SignUpRefused extends RuntimeException {
        private final String field;

        SignUpRefused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public PersonId person(String username, String password, Collection<ConsentTopic> consents) {
        validate(username, password);
        PersonId personId = PersonId.random();
        if (!accounts.insert(new Account(username, passwords.encode(password), personId, Set.of(Role.PERSON)))) {
            throw new SignUpRefused("username", "this username is taken");
        }
        register(personId, username, consents);
        return personId;
    }

    /**
     * A person who signs in through an upstream provider for the first time: an account with no
     * password, keyed by the provider's issuer and subject, and a person registered through the same
     * command a sign-up sends. No consent is granted: the person chooses them on {@code /me}.
     *
     * @return the account, the one a concurrent first sign-in of the same subject created included
     */
    public Account federatedPerson(String username, String displayName, String issuer, String subject,
                                   String registrationId) {
        PersonId personId = PersonId.random();
        Account account = new Account(username, null, personId, Set.of(Role.PERSON));
        if (!accounts.insertFederated(account, issuer, subject, registrationId)) {
            return accounts.findByProvider(issuer, subject).orElseThrow(() ->
                    new SignUpRefused("username", "the account name " + username + " is taken by another account"));
        }
        register(personId, displayName == null || displayName.isBlank() ? username : displayName, java.util.List.of());
        return account;
    }

    private void register(PersonId personId, String displayName, Collection<ConsentTopic> consents) {
        Instant now = clock.instant();
        commands.sendAndWait(new RegisterPersonCommand(personId, displayName, now));
        for (ConsentTopic topic : consents) {
            commands.sendAndWait(new GrantConsentCommand(personId, topic, "signup", policyVersion, now));
        }
    }

    /** Staff accounts stand for no person: they sign in to consoles, never receive tips. */
    public void staff(String username, String password, Role role) {
        validate(username, password);
        if (!accounts.insert(new Account(username, passwords.encode(password), null, Set.of(role)))) {
            throw new SignUpRefused("username", "this username is taken");
        }
    }

    private static void validate(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new SignUpRefused("username", "3 to 64 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new SignUpRefused("password", "at least " + MIN_PASSWORD + " characters");
        }
    }
}

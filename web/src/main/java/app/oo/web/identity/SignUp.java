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
        Instant now = clock.instant();
        commands.sendAndWait(new RegisterPersonCommand(personId, username, now));
        for (ConsentTopic topic : consents) {
            commands.sendAndWait(new GrantConsentCommand(personId, topic, "signup", policyVersion, now));
        }
        return personId;
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

package app.oo.web.identity;

import app.oo.domain.consent.ConsentTopic;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The dev profile's demo persons, analyst and compliance officer; created once, kept across restarts. */
@Component
@Profile("dev")
public class DevAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DevAccounts.class);
    static final List<String> DEMO_PERSONS = List.of("ada", "grace");

    private final SignUp signUp;
    private final AccountRepository accounts;
    private final String password;

    public DevAccounts(SignUp signUp, AccountRepository accounts, @Value("${oo.dev.password}") String password) {
        this.signUp = signUp;
        this.accounts = accounts;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String name : DEMO_PERSONS) {
            if (accounts.find(name).isEmpty()) {
                signUp.person(name, password, List.of(ConsentTopic.values()));
            }
        }
        if (accounts.find("analyst").isEmpty()) {
            signUp.staff("analyst", password, Role.ANALYST);
        }
        if (accounts.find("compliance").isEmpty()) {
            signUp.staff("compliance", password, Role.COMPLIANCE);
        }
        log.info("dev accounts ready: {}, analyst, compliance (password from oo.dev.password)", DEMO_PERSONS);
    }
}

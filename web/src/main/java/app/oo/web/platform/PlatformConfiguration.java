package app.oo.web.platform;

import app.oo.domain.person.PersonKeys;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every time-dependent part reads, and the pseudonymous keys of analysis. */
@Configuration(proxyBeanMethods = false)
public class PlatformConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public PersonKeys personKeys(@Value("${oo.analytics.pseudonym-key}") String key) {
        return new PersonKeys(key);
    }
}

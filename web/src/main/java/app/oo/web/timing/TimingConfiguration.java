package app.oo.web.timing;

import app.oo.sagas.timing.TimingPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wiring of the timing poller: Spring's scheduler drives it, the policy decides. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(TimingProperties.class)
public class TimingConfiguration {

    @Bean
    public TimingPolicy timingPolicy(TimingProperties props) {
        return new TimingPolicy(props.staleAfter());
    }
}

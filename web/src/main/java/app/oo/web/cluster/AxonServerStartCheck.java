package app.oo.web.cluster;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Checks, when Axon Server is the event store and router, that one is reachable before anything starts. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
public class AxonServerStartCheck {

    @Bean
    public static AxonServerReachable axonServerReachable() {
        return new AxonServerReachable();
    }
}

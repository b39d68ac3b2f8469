package app.oo.sagas.policy;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the promotion forwarder. */
@Configuration(proxyBeanMethods = false)
public class PolicyPromotionConfiguration {

    /** A promotion that did not reach ml/serving must be retried, not logged and skipped. */
    @Bean
    public ConfigurerModule promotionsRetryUntilTheyLand() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(PolicyPromotionForwarder.GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}

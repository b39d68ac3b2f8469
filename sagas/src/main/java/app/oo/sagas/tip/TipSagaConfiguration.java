package app.oo.sagas.tip;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the tip saga and the reward forwarder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TipSagaProperties.class)
public class TipSagaConfiguration {

    /**
     * In-memory deadlines: the tip fallback is due within seconds, and the sagas a restart
     * interrupts are woken by resumers in web (docs/adr/0018).
     */
    @Bean
    public DeadlineManager deadlineManager(org.axonframework.config.Configuration axon,
                                           TransactionManager transactionManager) {
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .transactionManager(transactionManager)
                .build();
    }

    /** A reward that did not land must be retried, not logged and skipped. */
    @Bean
    public ConfigurerModule rewardsRetryUntilTheyLand() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(RewardForwarder.GROUP, c -> PropagatingErrorHandler.instance());
    }
}

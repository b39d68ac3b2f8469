package app.oo.query.timing;

import app.oo.query.platform.ErasureGuard;
import app.oo.query.platform.HandlerSavepoints;
import app.oo.query.platform.PerPersonSequencing;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The timing processor gets the views' erasure guard, per-person ordering, a savepoint per handler
 * and a dead-letter queue (deadletter/), but stays out of the rebuild catalogue: rebuilding a
 * schedule from old events would re-arm spent moments.
 */
@Configuration(proxyBeanMethods = false)
public class TimingViewConfiguration {

    @Bean
    public ConfigurerModule timingProcessor(ObjectProvider<ErasureGuard> guard) {
        return configurer -> configurer.eventProcessing()
                .registerHandlerInterceptor(TimingProjection.GROUP, c -> guard.getObject())
                .registerHandlerInterceptor(TimingProjection.GROUP, c -> HandlerSavepoints.marker())
                .registerSequencingPolicy(TimingProjection.GROUP, c -> PerPersonSequencing.instance())
                .registerListenerInvocationErrorHandler(TimingProjection.GROUP, c -> PropagatingErrorHandler.instance());
    }
}

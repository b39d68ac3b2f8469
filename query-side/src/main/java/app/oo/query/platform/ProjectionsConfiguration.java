package app.oo.query.platform;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every projection's tracking processor gets the lag metric, then the erasure guard, in front of its
 * handlers; its events are sequenced per person; and a failing handler stops the processor (it retries with back-off, shows as
 * {@code error} in the admin API and its lag grows) instead of skipping the event, which would
 * leave a hole in the view that no one sees.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionsConfiguration {

    @Bean
    public ConfigurerModule projectionProcessors(List<ProjectionDefinition> definitions,
                                                 ObjectProvider<ProjectionLag> lag,
                                                 ObjectProvider<ErasureGuard> guard) {
        return configurer -> definitions.forEach(definition -> configurer.eventProcessing()
                .registerHandlerInterceptor(definition.name(), c -> lag.getObject().forGroup(definition.name()))
                .registerHandlerInterceptor(definition.name(), c -> guard.getObject())
                .registerSequencingPolicy(definition.name(), c -> PerPersonSequencing.instance())
                .registerListenerInvocationErrorHandler(definition.name(), c -> PropagatingErrorHandler.instance()));
    }
}

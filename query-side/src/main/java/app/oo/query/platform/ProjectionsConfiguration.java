package app.oo.query.platform;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every projection's tracking processor gets the lag metric, then the erasure guard, in front of its
 * handlers, and a savepoint around each handler; its events are sequenced per person. An event a
 * handler cannot handle goes to the group's dead-letter queue ({@code deadletter/}), and the
 * person's later events queue behind it there, while other persons' events flow on: no silent hole
 * in the view, the letters are listed and retried through the admin API. A failure outside any
 * handler (the store, the token) still stops the processor, which retries with back-off and shows
 * as {@code error}.
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
                .registerHandlerInterceptor(definition.name(), c -> HandlerSavepoints.marker())
                .registerSequencingPolicy(definition.name(), c -> PerPersonSequencing.instance())
                .registerListenerInvocationErrorHandler(definition.name(), c -> PropagatingErrorHandler.instance()));
    }
}

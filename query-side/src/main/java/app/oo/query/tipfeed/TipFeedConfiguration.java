package app.oo.query.tipfeed;

import static app.oo.query.jooq.Tables.TIP_FEED;

import app.oo.query.platform.ProjectionDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tip feed in the projection catalogue, and the live instance's cache of current tips. A
 * rebuild's instance gets an emitter nobody subscribes to and no cache: replayed tips must not
 * reach a person waiting on {@code POST /recommend}.
 */
@Configuration(proxyBeanMethods = false)
public class TipFeedConfiguration {

    @Bean
    public ProjectionDefinition tipFeedProjectionDefinition() {
        return new ProjectionDefinition(TipFeedProjection.GROUP, List.of(TIP_FEED),
                db -> new TipFeedProjection(db, SimpleQueryUpdateEmitter.builder().build()));
    }

    /**
     * The processor is looked up lazily (it exists only once Axon has started) and then kept: every
     * {@code POST /recommend} asks for its segments, and a bean lookup per request was a tenth of
     * serving one.
     */
    @Bean
    public CurrentTipCache currentTipCache(ObjectProvider<EventProcessingConfiguration> processing,
                                           @Value("${oo.tip-feed.cache-size:100000}") int maxPersons) {
        AtomicReference<StreamingEventProcessor> live = new AtomicReference<>();
        return new CurrentTipCache(() -> {
            StreamingEventProcessor processor = live.get();
            if (processor == null) {
                EventProcessingConfiguration config = processing.getIfAvailable();
                processor = config == null ? null
                        : config.eventProcessor(TipFeedProjection.GROUP, StreamingEventProcessor.class).orElse(null);
                if (processor == null) {
                    return Map.<Integer, EventTrackerStatus>of();
                }
                live.set(processor);
            }
            return processor.processingStatus();
        }, maxPersons);
    }
}

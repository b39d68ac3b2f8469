package app.oo.query.tipfeed;

import static app.oo.query.jooq.Tables.TIP_FEED;

import app.oo.query.platform.ProjectionDefinition;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tip feed in the projection catalogue. A rebuild's instance gets an emitter nobody subscribes
 * to: replayed tips must not reach a person waiting on {@code POST /recommend}.
 */
@Configuration(proxyBeanMethods = false)
public class TipFeedConfiguration {

    @Bean
    public ProjectionDefinition tipFeedProjectionDefinition() {
        return new ProjectionDefinition(TipFeedProjection.GROUP, List.of(TIP_FEED),
                db -> new TipFeedProjection(db, SimpleQueryUpdateEmitter.builder().build()));
    }
}

package app.oo.query.consent;

import static app.oo.query.jooq.Tables.CONSENT;

import app.oo.query.platform.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consents view in the projection catalogue. */
@Configuration(proxyBeanMethods = false)
public class ConsentConfiguration {

    @Bean
    public ProjectionDefinition consentsProjectionDefinition() {
        return new ProjectionDefinition(ConsentProjection.GROUP, List.of(CONSENT), ConsentProjection::new);
    }
}

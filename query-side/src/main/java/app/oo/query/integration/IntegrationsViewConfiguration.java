package app.oo.query.integration;

import static app.oo.query.jooq.Tables.INTEGRATION;

import app.oo.query.platform.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The integrations view in the projection catalogue. */
@Configuration(proxyBeanMethods = false)
public class IntegrationsViewConfiguration {

    @Bean
    public ProjectionDefinition integrationsProjectionDefinition() {
        return new ProjectionDefinition(IntegrationProjection.GROUP, List.of(INTEGRATION), IntegrationProjection::new);
    }
}

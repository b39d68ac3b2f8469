package app.oo.query.erasure;

import static app.oo.query.jooq.Tables.ERASURE_AUDIT;

import app.oo.query.platform.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The erasure audit in the projection catalogue. */
@Configuration(proxyBeanMethods = false)
public class ErasureAuditConfiguration {

    @Bean
    public ProjectionDefinition erasureAuditProjectionDefinition() {
        return new ProjectionDefinition(ErasureAuditProjection.GROUP, List.of(ERASURE_AUDIT),
                ErasureAuditProjection::new);
    }
}

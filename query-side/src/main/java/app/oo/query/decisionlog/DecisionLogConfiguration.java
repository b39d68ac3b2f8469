package app.oo.query.decisionlog;

import static app.oo.query.jooq.Tables.DECISION_LOG;

import app.oo.domain.person.PersonKeys;
import app.oo.query.platform.BatchedWrites;
import app.oo.query.platform.ProjectionDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decision log in the projection catalogue. */
@Configuration(proxyBeanMethods = false)
public class DecisionLogConfiguration {

    @Bean
    public ProjectionDefinition decisionLogProjectionDefinition(ObjectMapper json, PersonKeys personKeys,
                                                                BatchedWrites writes) {
        return new ProjectionDefinition(DecisionLogProjection.GROUP, List.of(DECISION_LOG),
                db -> new DecisionLogProjection(db, json, personKeys, writes));
    }
}

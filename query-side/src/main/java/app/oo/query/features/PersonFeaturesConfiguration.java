package app.oo.query.features;

import static app.oo.query.jooq.Tables.PERSON_SIGNAL;
import static app.oo.query.jooq.Tables.PERSON_TIP;
import static app.oo.query.jooq.Tables.PERSON_TIP_REACTION;

import app.oo.query.platform.BatchedWrites;
import app.oo.query.platform.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feature view in the projection catalogue: its tables, and how a rebuild makes a second instance. */
@Configuration(proxyBeanMethods = false)
public class PersonFeaturesConfiguration {

    @Bean
    public ProjectionDefinition personFeaturesProjectionDefinition(BatchedWrites writes) {
        return new ProjectionDefinition(PersonFeaturesProjection.GROUP,
                List.of(PERSON_SIGNAL, PERSON_TIP, PERSON_TIP_REACTION),
                db -> new PersonFeaturesProjection(db, writes));
    }
}

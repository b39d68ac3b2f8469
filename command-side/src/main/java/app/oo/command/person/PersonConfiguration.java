package app.oo.command.person;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A person's stream grows with every signal: snapshots keep loading it cheap. */
@Configuration(proxyBeanMethods = false)
public class PersonConfiguration {

    @Bean
    public SnapshotTriggerDefinition personSnapshotTrigger(Snapshotter snapshotter,
            @Value("${oo.person.snapshot-every:500}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}

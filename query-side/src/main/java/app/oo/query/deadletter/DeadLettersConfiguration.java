package app.oo.query.deadletter;

import app.oo.query.platform.ProjectionDefinition;
import app.oo.query.timing.TimingProjection;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Every query-side processing group (the projections of the rebuild catalogue and the timing view)
 * gets Axon's JDBC dead-letter queue (table {@code deadletterentry},
 * V12), decided in docs/adr/0015-dead-letters-for-projections.md. Payloads and metadata go through the
 * event serializer, so a letter's personal fields stay sealed with the person's key exactly as in the
 * event store, and become unreadable when the key is shredded; tokens and diagnostics go through the
 * general serializer.
 *
 * <p>Retries run in a transaction of their own, and each letter's handling in a savepoint of it
 * ({@code PROPAGATION_NESTED}): a letter that fails again is requeued without rolling back the
 * retry of the others.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLettersConfiguration {

    @Bean
    public DeadLetterGroups deadLetterGroups(List<ProjectionDefinition> definitions) {
        return new DeadLetterGroups(Stream.concat(definitions.stream().map(ProjectionDefinition::name),
                Stream.of(TimingProjection.GROUP)).toList());
    }

    @Bean
    public ConfigurerModule projectionDeadLetterQueues(DeadLetterGroups groups,
                                                       ObjectProvider<ConnectionProvider> connections,
                                                       ObjectProvider<TransactionManager> transactions,
                                                       ObjectProvider<PlatformTransactionManager> platform) {
        DefaultTransactionDefinition nested = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
        return configurer -> groups.names().forEach(group -> configurer.eventProcessing()
                .registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .connectionProvider(connections.getObject())
                        .transactionManager(transactions.getObject())
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .build())
                .registerDeadLetterPolicy(group, c -> new DeadLetterPolicy(group))
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, builder) -> builder
                        // the queue is asked about a sequence only once it holds one
                        .enableSequenceIdentifierCache()
                        .transactionManager(new SpringTransactionManager(platform.getObject(), nested))));
    }
}

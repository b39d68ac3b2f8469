package app.oo.command.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Personal data at rest: the data keys and the crypto-shredding serializer, wired as Axon's event
 * serializer and, through our own storage engine, as the snapshot serializer too (Axon's
 * auto-configured engine snapshots with the general serializer). Messages, sagas and tokens keep
 * plain Jackson.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
public class PrivacyConfiguration {

    @Bean
    public DataKeys dataKeys(CryptoProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions,
                             ObjectProvider<Clock> clock) {
        MasterKey masterKey = MasterKey.fromBase64(properties.masterKey(), "oo.crypto.master-key (OO_CRYPTO_MASTER_KEY)");
        return new JdbcDataKeys(jdbc, transactions, masterKey, clock.getIfAvailable(Clock::systemUTC),
                properties.keyCacheTtl(), properties.keyCacheSize());
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(ObjectMapper objectMapper, RevisionResolver revisionResolver, DataKeys dataKeys) {
        return CryptoShreddingSerializer.create(objectMapper, revisionResolver,
                PrivacyConfiguration.class.getClassLoader(), dataKeys);
    }

    /** Axon's JDBC engine as auto-configured, except that snapshots go through the event serializer. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration axon,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                // Axon's default schema, as V1 creates it (Axon only defines the bean for its own engine).
                .schema(new EventSchema())
                .build();
    }
}

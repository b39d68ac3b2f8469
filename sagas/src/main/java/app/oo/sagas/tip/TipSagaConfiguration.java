package app.oo.sagas.tip;

import app.oo.sagas.deadline.IndexedDeadlineManager;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the tip saga, its prepared candidates and the reward forwarder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TipSagaProperties.class, PreparedCandidatesProperties.class})
public class TipSagaConfiguration {

    static final String READS = "tipPipelineReads";

    /**
     * In-memory deadlines: the tip fallback is due within seconds, and the sagas a restart
     * interrupts are woken by resumers in web (docs/adr/0018). Indexed, so that cancelling one is
     * not a scan of every tip's expiry.
     */
    @Bean(destroyMethod = "shutdown")
    public DeadlineManager deadlineManager(org.axonframework.config.Configuration axon,
                                           TransactionManager transactionManager) {
        return new IndexedDeadlineManager(new ConfigurationScopeAwareProvider(axon), transactionManager,
                Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "deadlines");
                    t.setDaemon(true);
                    return t;
                }));
    }

    /**
     * Where the tip pipeline reads the feature view, off the saga's processor and the deadline
     * manager: a bounded queue, and the caller runs the read itself when it is full.
     */
    @Bean(name = READS, destroyMethod = "shutdown")
    public ExecutorService tipPipelineReads() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
            Thread t = new Thread(r, "tip-pipeline-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @Bean
    public PreparedCandidates preparedCandidates(PreparedCandidatesProperties props) {
        return new PreparedCandidates(props.maxPersons());
    }

    /** A reward that did not land must be retried, not logged and skipped. */
    @Bean
    public ConfigurerModule rewardsRetryUntilTheyLand() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(RewardForwarder.GROUP, c -> PropagatingErrorHandler.instance());
    }
}

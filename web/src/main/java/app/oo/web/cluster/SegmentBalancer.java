package app.oo.web.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Shares each tracking processor's segments among the nodes on one database. Axon's JDBC token
 * store lets the first node claim every segment it has threads for and never hands one over
 * while that node lives, so a second node would idle. Every few seconds each node counts the
 * live nodes (their connections in {@code pg_stat_activity}, see {@link NodeName}) and, holding
 * more than its share of a processor's segments, releases one for a while; a node with a free
 * thread claims it. A dead node's segments are claimed by the others once its claims time out
 * ({@code axon.eventhandling.tokenstore.claim-timeout}), which needs no help from here.
 */
@Component
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final JdbcClient jdbc;
    private final ClusterProperties props;
    private ScheduledExecutorService scheduler;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore,
                           TransactionManager transactions, JdbcClient jdbc, ClusterProperties props) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.props = props;
    }

    int liveNodes() {
        Long nodes = jdbc.sql("select count(distinct application_name) from pg_stat_activity"
                        + " where datname = current_database() and application_name like :prefix")
                .param("prefix", NodeName.PREFIX + "%")
                .query(Long.class).single();
        return Math.max(1, nodes == null ? 1 : nodes.intValue());
    }

    /** @return the segment released, or -1 */
    int balance(StreamingEventProcessor processor, int liveNodes) {
        Map<Integer, ?> mine = processor.processingStatus();
        if (mine.size() <= 1 || liveNodes <= 1) {
            return -1;
        }
        int segments = segmentsOf(processor);
        int share = (segments + liveNodes - 1) / liveNodes;
        if (mine.size() <= share) {
            return -1;
        }
        return release(processor, mine, segments, liveNodes);
    }

    /**
     * Across processors: a processor with fewer segments than there are nodes leaves some node
     * without any of them, so per-processor shares alone can leave a whole node idle (two segments,
     * three nodes). A node holding more than its share of all segments together releases one of the
     * processor it holds most of; a node with free threads claims it.
     *
     * @return the processor and segment released, or null
     */
    String rebalanceOverall(List<StreamingEventProcessor> processors, int liveNodes) {
        if (liveNodes <= 1) {
            return null;
        }
        int total = 0;
        int held = 0;
        StreamingEventProcessor most = null;
        int mostHeld = 0;
        for (StreamingEventProcessor processor : processors) {
            total += segmentsOf(processor);
            int mine = processor.processingStatus().size();
            held += mine;
            if (mine > mostHeld) {
                most = processor;
                mostHeld = mine;
            }
        }
        int share = (total + liveNodes - 1) / liveNodes;
        if (most == null || held <= share) {
            return null;
        }
        int released = release(most, most.processingStatus(), segmentsOf(most), liveNodes);
        return most.getName() + "/" + released;
    }

    private int segmentsOf(StreamingEventProcessor processor) {
        return transactions.fetchInTransaction(() -> tokenStore.fetchSegments(processor.getName())).length;
    }

    private int release(StreamingEventProcessor processor, Map<Integer, ?> mine, int segments, int liveNodes) {
        int release = Collections.max(mine.keySet());
        processor.releaseSegment(release, props.releaseFor().toMillis(), TimeUnit.MILLISECONDS);
        log.info("{}: released segment {} (held {} of {} segments, {} live nodes)", processor.getName(), release,
                mine.size(), segments, liveNodes);
        return release;
    }

    private void round() {
        try {
            int live = liveNodes();
            List<StreamingEventProcessor> running = new ArrayList<>();
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                    running.add(streaming);
                }
            }
            boolean released = false;
            for (StreamingEventProcessor processor : running) {
                released |= balance(processor, live) >= 0;
            }
            if (!released) {
                rebalanceOverall(running, live);
            }
        } catch (RuntimeException e) {
            log.warn("segment balancing skipped this round: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        if (!props.balanceSegments()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        long every = props.checkEvery().toMillis();
        scheduler.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}

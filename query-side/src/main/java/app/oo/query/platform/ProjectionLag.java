package app.oo.query.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Freshness of the views: {@code oo.projection.lag}, per processing group, is the time from an
 * event's timestamp (when it was applied, just before its commit) to the moment its projection
 * handles it. Replayed events are left out: their age says nothing about freshness.
 *
 * <p>{@link #behind} says how far a group is behind right now on this node, for admission: the
 * ingest API refuses batches while the views the recommender reads fall behind.
 */
@Component
public class ProjectionLag {

    public static final String METRIC = "oo.projection.lag";

    /** A group that handled nothing for this long is idle, not behind. */
    static final Duration BUSY_WITHIN = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();

    /** The lag of the group's latest handled event and when it was handled (racy pairs are harmless). */
    private static final class Latest {
        volatile long lagMillis;
        volatile long atMillis;
    }

    public ProjectionLag(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public MessageHandlerInterceptor<EventMessage<?>> forGroup(String group) {
        Timer timer = Timer.builder(METRIC)
                .description("time from an event's commit to its handling by the projection")
                .tag("group", group)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        Latest mine = latest.computeIfAbsent(group, g -> new Latest());
        return (unitOfWork, chain) -> {
            EventMessage<?> event = unitOfWork.getMessage();
            if (!ReplayToken.isReplay(event)) {
                Instant now = clock.instant();
                Duration lag = Duration.between(event.getTimestamp(), now);
                if (lag.isNegative()) {
                    lag = Duration.ZERO;
                }
                timer.record(lag);
                mine.lagMillis = lag.toMillis();
                mine.atMillis = now.toEpochMilli();
            }
            return chain.proceed();
        };
    }

    /**
     * How far the group's projection on this node is behind now: the age its latest event had when
     * it was handled, as long as it keeps handling (an event within the last second); zero when it
     * is idle (caught up) or has not handled anything on this node.
     */
    public Duration behind(String group) {
        Latest l = latest.get(group);
        if (l == null || clock.millis() - l.atMillis > BUSY_WITHIN.toMillis()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(l.lagMillis);
    }
}

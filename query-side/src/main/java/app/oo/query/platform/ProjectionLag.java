package app.oo.query.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Freshness of the views: {@code oo.projection.lag}, per processing group, is the time from an
 * event's timestamp (when it was applied, just before its commit) to the moment its projection
 * handles it. Replayed events are left out: their age says nothing about freshness.
 */
@Component
public class ProjectionLag {

    public static final String METRIC = "oo.projection.lag";

    private final MeterRegistry registry;
    private final Clock clock;

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
        return (unitOfWork, chain) -> {
            EventMessage<?> event = unitOfWork.getMessage();
            if (!ReplayToken.isReplay(event)) {
                Duration lag = Duration.between(event.getTimestamp(), clock.instant());
                timer.record(lag.isNegative() ? Duration.ZERO : lag);
            }
            return chain.proceed();
        };
    }
}

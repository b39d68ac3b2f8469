package app.oo.sagas.tip;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipReactedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prepares the person's candidates once a tip is issued (unless their preparation still fits) or
 * reacted to (always), so the next request only ranks (docs/adr/0019). The handler starts the work and returns: nothing here waits on
 * ml/serving. Too many preparations at once, an old event (a processor catching up) or a failure
 * mean no preparation: that person's next request generates its candidates itself. An erased
 * person's preparation is dropped.
 */
@Component
@ProcessingGroup(CandidatePreparer.GROUP)
public class CandidatePreparer {

    public static final String GROUP = "tip-candidates";
    private static final Logger log = LoggerFactory.getLogger(CandidatePreparer.class);

    private final TipPipeline pipeline;
    private final PreparedCandidates prepared;
    private final PreparedCandidatesProperties props;
    private final Clock clock;
    private final Semaphore inFlight;

    public CandidatePreparer(TipPipeline pipeline, PreparedCandidates prepared, PreparedCandidatesProperties props,
                             Clock clock) {
        this.pipeline = pipeline;
        this.prepared = prepared;
        this.props = props;
        this.clock = clock;
        this.inFlight = new Semaphore(props.maxInFlight());
    }

    /**
     * Not after a fallback tip: the ranked path just failed (ml/serving away or too slow), so a
     * preparation would read the person's features a second time only to fail the same way — during
     * an outage that doubled the feature reads of every tip. The person's next request generates
     * its candidates itself once ml/serving answers again.
     */
    @EventHandler
    @DisallowReplay
    void on(TipIssuedEvent event, @Timestamp Instant at) {
        if (Decision.FALLBACK_POLICY.equals(event.decision().policy())) {
            return;
        }
        prepare(event.personId(), at, false);
    }

    @EventHandler
    @DisallowReplay
    void on(TipReactedEvent event, @Timestamp Instant at) {
        prepare(event.personId(), at, true);
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        prepared.forget(event.personId());
    }

    private void prepare(PersonId person, Instant eventAt, boolean always) {
        if (!props.enabled() || eventAt.plus(props.maxAge()).isBefore(clock.instant())) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            log.debug("{} preparations running: none for {}", props.maxInFlight(), person);
            return;
        }
        pipeline.prepare(person, always).whenComplete((ok, failure) -> {
            inFlight.release();
            if (failure != null) {
                log.debug("no candidates prepared for {}: {}", person, failure.toString());
            }
        });
    }
}

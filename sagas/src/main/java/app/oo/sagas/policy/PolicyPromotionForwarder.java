package app.oo.sagas.policy;

import app.oo.domain.policy.PolicyPromotedEvent;
import app.oo.domain.policy.PolicyRef;
import app.oo.sagas.ml.MlServing;
import app.oo.sagas.ml.MlServingException;
import app.oo.sagas.ml.Policies;
import app.oo.sagas.ml.PolicyInfo;
import app.oo.sagas.ml.PromoteRequest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes ml/serving serve each promoted policy. It runs on its own tracking processor whose errors
 * propagate, so while ml/serving is down or slow the event is retried with Axon's back-off and the
 * token does not move on: the promotion lands.
 *
 * <p>ml/serving's promote is not idempotent (a repeat is refused), so every attempt first reads
 * what ml/serving serves and acts like a compare-and-swap: it promotes only while ml/serving is
 * exactly in the state the promotion was decided on (that incumbent, that shadow version); if the
 * promoted policy already serves, an earlier attempt landed; any other state means later
 * promotions moved on, and this one is left alone.
 */
@Component
@ProcessingGroup(PolicyPromotionForwarder.GROUP)
public class PolicyPromotionForwarder {

    public static final String GROUP = "ml-promotion";
    private static final Logger log = LoggerFactory.getLogger(PolicyPromotionForwarder.class);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(10);

    private final MlServing ml;

    public PolicyPromotionForwarder(MlServing ml) {
        this.ml = ml;
    }

    @EventHandler
    @DisallowReplay
    void on(PolicyPromotedEvent event) throws InterruptedException, ExecutionException, TimeoutException {
        Policies now = current();
        if (served(now, event)) {
            log.info("{} already serves (promoted on simulation {})", event.promoted().name(), event.simulationId());
            return;
        }
        if (!ref(now.shadow()).equals(event.promoted()) || !ref(now.incumbent()).equals(event.previousIncumbent())) {
            log.warn("promotion of {} over {} (simulation {}) is stale: ml/serving serves {} with shadow {}",
                    event.promoted(), event.previousIncumbent(), event.simulationId(), ref(now.incumbent()),
                    ref(now.shadow()));
            return;
        }
        try {
            Policies after = ml.promote(new PromoteRequest(event.promoted().name()))
                    .get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("ml/serving now serves {} (was {}; simulation {}, promoted by {})", ref(after.incumbent()),
                    event.previousIncumbent(), event.simulationId(), event.promotedBy());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof MlServingException mle) || mle.kind() != MlServingException.Kind.REJECTED) {
                throw e;
            }
            // A refusal is a definite answer: either an earlier attempt landed, or no retry can help.
            if (!served(current(), event)) {
                log.error("ml/serving refused the promotion of {} (simulation {}): {}", event.promoted(),
                        event.simulationId(), mle.getMessage());
            }
        }
    }

    private Policies current() throws InterruptedException, ExecutionException, TimeoutException {
        return ml.policies().get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean served(Policies now, PolicyPromotedEvent event) {
        return now.incumbent().name().equals(event.promoted().name());
    }

    private static PolicyRef ref(PolicyInfo info) {
        return new PolicyRef(info.name(), info.version());
    }
}

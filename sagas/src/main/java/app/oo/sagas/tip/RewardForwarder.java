package app.oo.sagas.tip;

import app.oo.domain.tip.TipReactedEvent;
import app.oo.sagas.ml.MlServing;
import app.oo.sagas.ml.MlServingException;
import app.oo.sagas.ml.RewardRequest;
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
 * Sends each reaction's reward to ml/serving. It runs on its own tracking processor whose errors
 * propagate, so a failed call is retried (with Axon's back-off) until ml/serving takes it:
 * the token only moves on once the reward has landed. ml/serving applies a reward once per
 * decision, so a retry after a lost answer is harmless.
 */
@Component
@ProcessingGroup(RewardForwarder.GROUP)
public class RewardForwarder {

    public static final String GROUP = "ml-reward";
    private static final Logger log = LoggerFactory.getLogger(RewardForwarder.class);
    private static final Duration CALL_LIMIT = Duration.ofSeconds(10);

    private final MlServing ml;

    public RewardForwarder(MlServing ml) {
        this.ml = ml;
    }

    @EventHandler
    @DisallowReplay
    void on(TipReactedEvent event) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            boolean applied = ml.reward(new RewardRequest(event.decisionId(), event.reward()))
                    .get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("reward of decision {} {}", event.decisionId(), applied ? "applied" : "already applied");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MlServingException mle
                    && mle.kind() == MlServingException.Kind.UNKNOWN_DECISION) {
                // Fallback decisions never reached ml/serving: nothing to learn there.
                return;
            }
            throw e;
        }
    }
}

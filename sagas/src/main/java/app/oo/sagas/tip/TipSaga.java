package app.oo.sagas.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipRequestedEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * From a tip request to an issued tip. The saga starts in the request's transaction (its processor
 * is subscribing, docs/adr/0020); the ranked path runs asynchronously in {@link TipPipeline} once
 * that commits; a deadline guarantees the fallback tip when it is late. Either way the saga ends.
 *
 * <p>Deadlines are in memory and the ranked call lives in the process: after a restart,
 * {@link #resume} wakes each saga still in the store, which schedules its deadline anew and asks
 * for the ranked tip again (docs/adr/0018). A tip id is issued once, so a resumed saga whose tip
 * was issued meanwhile changes nothing.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class TipSaga {

    static final String TIP_ID = "tipId";
    static final String FALLBACK_DEADLINE = "tip-fallback";
    static final String RESUME = "tip-resume";

    private TipId tipId;
    private PersonId personId;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = TIP_ID)
    public void on(TipRequestedEvent event, DeadlineManager deadlines, TipPipeline pipeline,
                   TipSagaProperties settings) {
        this.tipId = event.tipId();
        this.personId = event.personId();
        this.deadlineId = deadlines.schedule(settings.deadline(), FALLBACK_DEADLINE,
                new TipFallbackDue(tipId, personId));
        // The saga runs in the request's own transaction (a subscribing processor, docs/adr/0020):
        // the ranked work starts once the request and this saga are stored, never for a request that
        // rolled back, and never before the saga can be found by the tip it issues.
        TipId tip = tipId;
        PersonId person = personId;
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> pipeline.issueRanked(tip, person));
        } else {
            pipeline.issueRanked(tip, person);
        }
    }

    /** Wakes the stored saga with that id in this process: due at once, in the saga's own scope. */
    public static void resume(DeadlineManager deadlines, String sagaId, Instant restartedAt) {
        deadlines.schedule(Duration.ZERO, RESUME, new TipResumeDue(restartedAt),
                new SagaScopeDescriptor(TipSaga.class.getSimpleName(), sagaId));
    }

    @DeadlineHandler(deadlineName = RESUME)
    public void on(TipResumeDue due, DeadlineManager deadlines, TipPipeline pipeline, TipSagaProperties settings) {
        if (deadlineId != null) {
            deadlines.cancelSchedule(FALLBACK_DEADLINE, deadlineId);
        }
        this.deadlineId = deadlines.schedule(settings.deadline(), FALLBACK_DEADLINE,
                new TipFallbackDue(tipId, personId));
        pipeline.issueRanked(tipId, personId);
    }

    @DeadlineHandler(deadlineName = FALLBACK_DEADLINE)
    public void on(TipFallbackDue due, TipPipeline pipeline) {
        pipeline.issueFallback(due.tipId(), due.personId(), "deadline passed");
        SagaLifecycle.end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TIP_ID)
    public void on(TipIssuedEvent event, DeadlineManager deadlines) {
        deadlines.cancelSchedule(FALLBACK_DEADLINE, deadlineId);
    }
}

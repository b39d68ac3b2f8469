package app.oo.sagas.erasure;

import static app.oo.domain.erasure.ErasureStepRecordedEvent.COMPLETE;
import static app.oo.domain.erasure.ErasureStepRecordedEvent.FAILED;
import static app.oo.domain.erasure.ErasureStepRecordedEvent.GAVE_UP;
import static app.oo.domain.erasure.ErasureStepRecordedEvent.RESUME;

import app.oo.domain.erasure.CompleteErasureCommand;
import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.ErasureStepRecordedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From an erasure request to the erased person: revoke the integrations, delete the vault tokens,
 * shred the data key, purge the views, then complete. Each step runs in {@link ErasureStepRunner}
 * and comes back as its evidence event; only then does the saga move on, so its state in the saga
 * store always names the step still owed. A failed step is retried after a pause; a deadline ends
 * the saga whatever happens, with evidence, and compliance replays what it left undone.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ErasureSaga {

    static final String ERASURE_ID = "erasureId";
    static final String PERSON_ID = "personId";
    static final String DEADLINE = "erasure-deadline";
    static final String RETRY = "erasure-retry";

    private static final Logger log = LoggerFactory.getLogger(ErasureSaga.class);

    private PersonId personId;
    private UUID erasureId;
    /** The step owed; null once every step is done and the completion is sent. */
    private ErasureStep current;
    private String deadlineId;
    private String retryId;

    @StartSaga
    @SagaEventHandler(associationProperty = ERASURE_ID)
    public void on(ErasureRequestedEvent event, DeadlineManager deadlines, ErasureStepRunner runner,
                   ErasureSagaProperties settings) {
        this.personId = event.personId();
        this.erasureId = event.erasureId();
        this.current = ErasureStep.first();
        SagaLifecycle.associateWith(PERSON_ID, personId.toString());
        this.deadlineId = deadlines.schedule(settings.deadline(), DEADLINE, new ErasureDeadlineDue(personId, erasureId));
        runner.run(current, personId, erasureId, erasureId);
    }

    @SagaEventHandler(associationProperty = ERASURE_ID)
    public void on(ErasureStepRecordedEvent event, DeadlineManager deadlines, ErasureStepRunner runner,
                   ErasureSagaProperties settings, CommandGateway commands) {
        if (!event.firstRun()) {
            return;
        }
        if (RESUME.equals(event.step())) {
            // The app restarted: in-memory deadlines are gone and the step in flight may be lost.
            deadlines.cancelSchedule(DEADLINE, deadlineId);
            this.deadlineId = deadlines.schedule(settings.deadline(), DEADLINE,
                    new ErasureDeadlineDue(personId, erasureId));
            continueWith(runner, commands, event.at());
            return;
        }
        Optional<ErasureStep> step = ErasureStep.fromWireName(event.step());
        if (step.isEmpty() || step.get() != current) {
            return;
        }
        if (FAILED.equals(event.outcome())) {
            this.retryId = deadlines.schedule(settings.retryAfter(), RETRY,
                    new ErasureRetryDue(personId, erasureId, current));
            return;
        }
        if (GAVE_UP.equals(event.outcome())) {
            return;
        }
        this.current = current.next().orElse(null);
        continueWith(runner, commands, event.at());
    }

    @DeadlineHandler(deadlineName = RETRY)
    public void on(ErasureRetryDue due, ErasureStepRunner runner) {
        if (due.step() == current) {
            runner.run(current, personId, erasureId, erasureId);
        }
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void on(ErasureDeadlineDue due, ErasureStepRunner runner, DeadlineManager deadlines) {
        if (retryId != null) {
            deadlines.cancelSchedule(RETRY, retryId);
        }
        runner.record(personId, erasureId, erasureId, current == null ? COMPLETE : current.wireName(), GAVE_UP,
                "the erasure did not finish before its deadline; a compliance replay finishes it");
        SagaLifecycle.end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ERASURE_ID)
    public void on(PersonErasedEvent event, DeadlineManager deadlines) {
        deadlines.cancelSchedule(DEADLINE, deadlineId);
        if (retryId != null) {
            deadlines.cancelSchedule(RETRY, retryId);
        }
    }

    private void continueWith(ErasureStepRunner runner, CommandGateway commands, Instant at) {
        if (current != null) {
            runner.run(current, personId, erasureId, erasureId);
            return;
        }
        commands.send(new CompleteErasureCommand(personId, erasureId, at)).exceptionally(failure -> {
            log.error("erasure {} could not be completed: {}", erasureId, ErasureStepRunner.describe(failure));
            return null;
        });
    }
}

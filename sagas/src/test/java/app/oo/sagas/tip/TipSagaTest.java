package app.oo.sagas.tip;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipKind;
import app.oo.domain.tip.TipRequestedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TipSagaTest {

    private final TipId tipId = TipId.random();
    private final PersonId personId = PersonId.random();
    private final Instant now = Instant.parse("2026-11-25T08:00:00Z");
    private SagaTestFixture<TipSaga> fixture;
    private TipPipeline pipeline;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TipSaga.class);
        pipeline = mock(TipPipeline.class);
        fixture.registerResource(pipeline);
        fixture.registerResource(new TipSagaProperties(Duration.ofMillis(1500), 5));
    }

    private TipRequestedEvent requested() {
        return new TipRequestedEvent(personId, tipId, "on-demand", now);
    }

    private TipIssuedEvent issued() {
        return new TipIssuedEvent(tipId, personId, "Stretch.", TipKind.ADVICE, "movement",
                new Decision(UUID.randomUUID(), "lin-ts", "1", 0.5, "monte-carlo", "c1", Map.of(), List.of(), null),
                now);
    }

    @Test
    void requestStartsTheRankedPathAndSchedulesTheFallbackDeadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMillis(1500), TipSaga.FALLBACK_DEADLINE);
        verify(pipeline).issueRanked(tipId, personId);
    }

    @Test
    void deadlineIssuesTheFallbackAndEndsTheSaga() {
        fixture.givenAPublished(requested())
                .whenTimeElapses(Duration.ofMillis(1600))
                .expectDeadlinesMet(new TipFallbackDue(tipId, personId))
                .expectActiveSagas(0);
        verify(pipeline).issueFallback(eq(tipId), eq(personId), anyString());
    }

    @Test
    void issuedTipEndsTheSagaAndCancelsTheDeadline() {
        fixture.givenAPublished(requested())
                .whenPublishingA(issued())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        verify(pipeline, never()).issueFallback(any(), any(), anyString());
    }

    @Test
    void resumeIsADeadlineDueAtOnceInTheSagasOwnScope() {
        DeadlineManager deadlines = mock(DeadlineManager.class);

        TipSaga.resume(deadlines, "saga-1", now);

        verify(deadlines).schedule(Duration.ZERO, TipSaga.RESUME, new TipResumeDue(now),
                new SagaScopeDescriptor("TipSaga", "saga-1"));
    }

    @Test
    void aResumedSagaSchedulesItsFallbackAnewAndAsksForTheRankedTipAgain() {
        DeadlineManager deadlines = mock(DeadlineManager.class);
        TipSagaProperties settings = new TipSagaProperties(Duration.ofMillis(1500), 5);
        when(deadlines.schedule(eq(Duration.ofMillis(1500)), eq(TipSaga.FALLBACK_DEADLINE), any(TipFallbackDue.class)))
                .thenReturn("before-restart", "after-restart");
        TipSaga saga = new TipSaga();
        saga.on(requested(), deadlines, pipeline, settings);

        saga.on(new TipResumeDue(now), deadlines, pipeline, settings);

        verify(deadlines).cancelSchedule(TipSaga.FALLBACK_DEADLINE, "before-restart");
        verify(deadlines, times(2)).schedule(Duration.ofMillis(1500), TipSaga.FALLBACK_DEADLINE,
                new TipFallbackDue(tipId, personId));
        verify(pipeline, times(2)).issueRanked(tipId, personId);
    }
}

package app.oo.sagas.erasure;

import static app.oo.domain.erasure.ErasureStepRecordedEvent.DONE;
import static app.oo.domain.erasure.ErasureStepRecordedEvent.FAILED;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import app.oo.domain.erasure.CompleteErasureCommand;
import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.ErasureStepRecordedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErasureSagaTest {

    private final PersonId personId = PersonId.random();
    private final UUID erasureId = UUID.randomUUID();
    private final Instant now = Instant.parse("2026-11-25T08:00:00Z");
    private final ErasureSagaProperties settings = new ErasureSagaProperties(Duration.ofMinutes(15),
            Duration.ofSeconds(30), 4, Duration.ofMillis(500), Duration.ofSeconds(60));
    private SagaTestFixture<ErasureSaga> fixture;
    private ErasureStepRunner runner;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ErasureSaga.class);
        runner = mock(ErasureStepRunner.class);
        fixture.registerResource(runner);
        fixture.registerResource(settings);
    }

    private ErasureRequestedEvent requested() {
        return new ErasureRequestedEvent(personId, erasureId, "person", now);
    }

    private ErasureStepRecordedEvent recorded(ErasureStep step, String outcome) {
        return new ErasureStepRecordedEvent(personId, erasureId, erasureId, step.wireName(), outcome, "detail", now);
    }

    @Test
    void requestRunsTheFirstStepAndSchedulesTheDeadlineThatEndsTheSaga() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested())
                .expectActiveSagas(1)
                .expectAssociationWith(ErasureSaga.PERSON_ID, personId.toString())
                .expectScheduledDeadlineWithName(Duration.ofMinutes(15), ErasureSaga.DEADLINE);
        verify(runner).run(ErasureStep.REVOKE_INTEGRATIONS, personId, erasureId, erasureId);
    }

    @Test
    void eachRecordedStepRunsTheNextOne() {
        fixture.givenAPublished(requested())
                .andThenAPublished(recorded(ErasureStep.REVOKE_INTEGRATIONS, DONE))
                .whenPublishingA(recorded(ErasureStep.DELETE_VAULT_TOKENS, DONE))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        verify(runner).run(ErasureStep.DELETE_VAULT_TOKENS, personId, erasureId, erasureId);
        verify(runner).run(ErasureStep.SHRED_DATA_KEY, personId, erasureId, erasureId);
    }

    @Test
    void afterTheLastStepTheErasureIsCompleted() {
        fixture.givenAPublished(requested())
                .andThenAPublished(recorded(ErasureStep.REVOKE_INTEGRATIONS, DONE))
                .andThenAPublished(recorded(ErasureStep.DELETE_VAULT_TOKENS, DONE))
                .andThenAPublished(recorded(ErasureStep.SHRED_DATA_KEY, DONE))
                .whenPublishingA(recorded(ErasureStep.PURGE_VIEWS, DONE))
                .expectDispatchedCommands(new CompleteErasureCommand(personId, erasureId, now));
    }

    @Test
    void personErasedEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAPublished(requested())
                .whenPublishingA(new PersonErasedEvent(personId, erasureId, now))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aFailedStepRunsAgainAfterThePause() {
        fixture.givenAPublished(requested())
                .andThenAPublished(recorded(ErasureStep.REVOKE_INTEGRATIONS, DONE))
                .andThenAPublished(recorded(ErasureStep.DELETE_VAULT_TOKENS, FAILED))
                .whenTimeElapses(Duration.ofSeconds(31))
                .expectDeadlinesMet(new ErasureRetryDue(personId, erasureId, ErasureStep.DELETE_VAULT_TOKENS))
                .expectActiveSagas(1);
        verify(runner, times(2)).run(ErasureStep.DELETE_VAULT_TOKENS, personId, erasureId, erasureId);
        verify(runner, never()).run(eq(ErasureStep.SHRED_DATA_KEY), any(), any(), any());
    }

    @Test
    void aDuplicateOrStaleStepEventChangesNothing() {
        fixture.givenAPublished(requested())
                .andThenAPublished(recorded(ErasureStep.REVOKE_INTEGRATIONS, DONE))
                .whenPublishingA(recorded(ErasureStep.REVOKE_INTEGRATIONS, DONE))
                .expectActiveSagas(1);
        verify(runner, times(1)).run(ErasureStep.DELETE_VAULT_TOKENS, personId, erasureId, erasureId);
    }

    @Test
    void evidenceOfAReplayRunDoesNotMoveTheSaga() {
        UUID replayId = UUID.randomUUID();
        fixture.givenAPublished(requested())
                .whenPublishingA(new ErasureStepRecordedEvent(personId, erasureId, replayId,
                        ErasureStep.REVOKE_INTEGRATIONS.wireName(), DONE, "replay", now))
                .expectActiveSagas(1);
        verify(runner, never()).run(eq(ErasureStep.DELETE_VAULT_TOKENS), any(), any(), any());
    }

    @Test
    void aResumeAfterARestartRunsTheOwedStepAgainAndReschedulesTheDeadline() {
        fixture.givenAPublished(requested())
                .andThenAPublished(recorded(ErasureStep.REVOKE_INTEGRATIONS, DONE))
                .whenPublishingA(new ErasureStepRecordedEvent(personId, erasureId, erasureId,
                        ErasureStepRecordedEvent.RESUME, ErasureStepRecordedEvent.RESTARTED, "restart", now))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMinutes(15), ErasureSaga.DEADLINE);
        verify(runner, times(2)).run(ErasureStep.DELETE_VAULT_TOKENS, personId, erasureId, erasureId);
    }

    @Test
    void theDeadlineRecordsThatTheSagaGaveUpAndEndsIt() {
        fixture.givenAPublished(requested())
                .andThenAPublished(recorded(ErasureStep.REVOKE_INTEGRATIONS, DONE))
                .whenTimeElapses(Duration.ofMinutes(16))
                .expectDeadlinesMet(new ErasureDeadlineDue(personId, erasureId))
                .expectActiveSagas(0);
        verify(runner).record(eq(personId), eq(erasureId), eq(erasureId),
                eq(ErasureStep.DELETE_VAULT_TOKENS.wireName()), eq(ErasureStepRecordedEvent.GAVE_UP), anyString());
    }
}

package app.oo.command.person;

import app.oo.domain.consent.ConsentGrantedEvent;
import app.oo.domain.consent.ConsentMissingException;
import app.oo.domain.consent.ConsentRevokedEvent;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.consent.GrantConsentCommand;
import app.oo.domain.consent.RevokeConsentCommand;
import app.oo.domain.erasure.CompleteErasureCommand;
import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.erasure.ErasureStepRecordedEvent;
import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.erasure.RecordErasureStepCommand;
import app.oo.domain.erasure.RequestErasureCommand;
import app.oo.domain.person.PersonErasedException;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonRegisteredEvent;
import app.oo.domain.person.RegisterPersonCommand;
import app.oo.domain.signal.HabitPayload;
import app.oo.domain.signal.MoodPayload;
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.RecordSignalsCommand;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.tip.RequestTipCommand;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipRequestedEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String POLICY = "2026-11";

    final PersonId personId = PersonId.of("00000000-0000-0000-0000-00000000000a");
    final UUID erasureId = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
    }

    PersonRegisteredEvent registered() {
        return new PersonRegisteredEvent(personId, "Ada", T0);
    }

    ConsentGrantedEvent granted(ConsentTopic topic) {
        return new ConsentGrantedEvent(personId, topic, "signup", POLICY, T0);
    }

    ErasureRequestedEvent erasureRequested() {
        return new ErasureRequestedEvent(personId, erasureId, "person", T0.plusSeconds(60));
    }

    RecordSignalCommand mood(SignalId signalId, String clientId) {
        return new RecordSignalCommand(personId, signalId, "checkin", T0, new MoodPayload(4, "slept well"), clientId,
                T0.plusSeconds(1));
    }

    SignalRecordedEvent recorded(RecordSignalCommand command) {
        return new SignalRecordedEvent(personId, command.signalId(), command.source(), command.type(),
                command.occurredAt(), command.payload(), command.clientId(), command.receivedAt());
    }

    @Test
    void registersAPerson() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPersonCommand(personId, "Ada", T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void grantsConsentWithWhenHowAndPolicyVersion() {
        fixture.given(registered())
                .when(new GrantConsentCommand(personId, ConsentTopic.MOOD, "web", POLICY, T0))
                .expectEvents(new ConsentGrantedEvent(personId, ConsentTopic.MOOD, "web", POLICY, T0));
    }

    @Test
    void grantingTheSameConsentUnderTheSamePolicyAgainRecordsNothing() {
        fixture.given(registered(), granted(ConsentTopic.MOOD))
                .when(new GrantConsentCommand(personId, ConsentTopic.MOOD, "web", POLICY, T0.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokesConsentWithWhenHowAndPolicyVersion() {
        fixture.given(registered(), granted(ConsentTopic.MOOD))
                .when(new RevokeConsentCommand(personId, ConsentTopic.MOOD, "web", POLICY, T0.plusSeconds(5)))
                .expectEvents(new ConsentRevokedEvent(personId, ConsentTopic.MOOD, "web", POLICY, T0.plusSeconds(5)));
    }

    @Test
    void revokingAConsentNeverGivenRecordsNothing() {
        fixture.given(registered())
                .when(new RevokeConsentCommand(personId, ConsentTopic.MOOD, "web", POLICY, T0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void recordsASignalTheSourceOfWhichWasConsentedTo() {
        RecordSignalCommand command = mood(SignalId.random(), null);
        fixture.given(registered(), granted(ConsentTopic.MOOD))
                .when(command)
                .expectEvents(recorded(command))
                .expectResultMessagePayload(command.signalId());
    }

    @Test
    void rejectsSignalWithoutConsent() {
        fixture.given(registered(), granted(ConsentTopic.HABITS))
                .when(mood(SignalId.random(), null))
                .expectException(ConsentMissingException.class)
                .expectExceptionMessage("person " + personId + " has not consented to 'mood'")
                .expectNoEvents();
    }

    @Test
    void rejectsSignalAfterItsConsentWasRevoked() {
        fixture.given(registered(), granted(ConsentTopic.MOOD),
                        new ConsentRevokedEvent(personId, ConsentTopic.MOOD, "web", POLICY, T0))
                .when(mood(SignalId.random(), null))
                .expectException(ConsentMissingException.class)
                .expectNoEvents();
    }

    @Test
    void recordsARetriedSignalOnceAndAnswersTheFirstSignalId() {
        RecordSignalCommand first = mood(SignalId.random(), "client-42");
        fixture.given(registered(), granted(ConsentTopic.MOOD), recorded(first))
                .when(mood(SignalId.random(), "client-42"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(first.signalId());
    }

    @Test
    void recordsTwoSignalsWithDifferentClientIdsTwice() {
        RecordSignalCommand first = mood(SignalId.random(), "client-1");
        RecordSignalCommand second = mood(SignalId.random(), "client-2");
        fixture.given(registered(), granted(ConsentTopic.MOOD), recorded(first))
                .when(second)
                .expectEvents(recorded(second))
                .expectResultMessagePayload(second.signalId());
    }

    @Test
    void recordsABatchAsOneCommandWithOneEventPerSignal() {
        RecordSignalCommand one = mood(SignalId.random(), "c-1");
        RecordSignalCommand two = new RecordSignalCommand(personId, SignalId.random(), "checkin", T0,
                new HabitPayload("running", 3), "c-2", T0);
        fixture.given(registered(), granted(ConsentTopic.MOOD), granted(ConsentTopic.HABITS))
                .when(new RecordSignalsCommand(personId, List.of(one, two)))
                .expectEvents(recorded(one), recorded(two))
                .expectResultMessagePayload(List.of(one.signalId(), two.signalId()));
    }

    @Test
    void rejectsTheWholeBatchWhenOneSignalLacksConsent() {
        RecordSignalCommand one = mood(SignalId.random(), null);
        RecordSignalCommand two = new RecordSignalCommand(personId, SignalId.random(), "checkin", T0,
                new HabitPayload("running", 3), null, T0);
        fixture.given(registered(), granted(ConsentTopic.MOOD))
                .when(new RecordSignalsCommand(personId, List.of(one, two)))
                .expectException(ConsentMissingException.class)
                .expectNoEvents();
    }

    @Test
    void aBatchRetriedWithTheSameClientIdsIsRecordedOnceAndAnswersTheFirstIds() {
        RecordSignalCommand one = mood(SignalId.random(), "c-1");
        fixture.given(registered(), granted(ConsentTopic.MOOD), recorded(one))
                .when(new RecordSignalsCommand(personId, List.of(mood(SignalId.random(), "c-1"))))
                .expectNoEvents()
                .expectResultMessagePayload(List.of(one.signalId()));
    }

    @Test
    void requestsATipWhenThePersonConsentedToTips() {
        TipId tipId = TipId.random();
        fixture.given(registered(), granted(ConsentTopic.TIPS))
                .when(new RequestTipCommand(personId, tipId, "on-demand", T0))
                .expectEvents(new TipRequestedEvent(personId, tipId, "on-demand", T0));
    }

    @Test
    void rejectsTipRequestWithoutConsentToTips() {
        fixture.given(registered())
                .when(new RequestTipCommand(personId, TipId.random(), "on-demand", T0))
                .expectException(ConsentMissingException.class)
                .expectNoEvents();
    }

    @Test
    void requestsErasure() {
        fixture.given(registered(), granted(ConsentTopic.MOOD))
                .when(new RequestErasureCommand(personId, erasureId, "person", T0.plusSeconds(60)))
                .expectEvents(erasureRequested());
    }

    @Test
    void refusesSignalsOnceErasureWasRequested() {
        fixture.given(registered(), granted(ConsentTopic.MOOD), erasureRequested())
                .when(mood(SignalId.random(), null))
                .expectException(PersonErasedException.class)
                .expectExceptionMessage("person " + personId + " asked to be erased: no further commands are accepted")
                .expectNoEvents();
    }

    @Test
    void refusesSignalBatchesOnceErasureWasRequested() {
        fixture.given(registered(), granted(ConsentTopic.MOOD), erasureRequested())
                .when(new RecordSignalsCommand(personId, List.of(mood(SignalId.random(), null))))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesConsentGrantsOnceErasureWasRequested() {
        fixture.given(registered(), erasureRequested())
                .when(new GrantConsentCommand(personId, ConsentTopic.MOOD, "web", POLICY, T0))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesConsentRevocationsOnceErasureWasRequested() {
        fixture.given(registered(), granted(ConsentTopic.MOOD), erasureRequested())
                .when(new RevokeConsentCommand(personId, ConsentTopic.MOOD, "web", POLICY, T0))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesTipRequestsOnceErasureWasRequested() {
        fixture.given(registered(), granted(ConsentTopic.TIPS), erasureRequested())
                .when(new RequestTipCommand(personId, TipId.random(), "on-demand", T0))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesASecondErasureRequest() {
        fixture.given(registered(), erasureRequested())
                .when(new RequestErasureCommand(personId, UUID.randomUUID(), "compliance", T0))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void recordsEvidenceOfAnErasureStepAlsoAfterTheErasure() {
        UUID replayId = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
        fixture.given(registered(), erasureRequested(), new PersonErasedEvent(personId, erasureId, T0.plusSeconds(120)))
                .when(new RecordErasureStepCommand(personId, erasureId, replayId, ErasureStepRecordedEvent.PURGE_VIEWS,
                        ErasureStepRecordedEvent.DONE, "3 view rows deleted", T0.plusSeconds(300)))
                .expectEvents(new ErasureStepRecordedEvent(personId, erasureId, replayId,
                        ErasureStepRecordedEvent.PURGE_VIEWS, ErasureStepRecordedEvent.DONE, "3 view rows deleted",
                        T0.plusSeconds(300)));
    }

    @Test
    void refusesEvidenceOfAnotherErasure() {
        UUID other = UUID.fromString("00000000-0000-0000-0000-0000000000e2");
        fixture.given(registered(), erasureRequested())
                .when(new RecordErasureStepCommand(personId, other, other, ErasureStepRecordedEvent.PURGE_VIEWS,
                        ErasureStepRecordedEvent.DONE, null, T0.plusSeconds(300)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void completesTheRequestedErasure() {
        fixture.given(registered(), erasureRequested())
                .when(new CompleteErasureCommand(personId, erasureId, T0.plusSeconds(120)))
                .expectEvents(new PersonErasedEvent(personId, erasureId, T0.plusSeconds(120)));
    }

    @Test
    void completingTheSameErasureAgainChangesNothing() {
        fixture.given(registered(), erasureRequested(), new PersonErasedEvent(personId, erasureId, T0.plusSeconds(120)))
                .when(new CompleteErasureCommand(personId, erasureId, T0.plusSeconds(999)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToCompleteAnErasureThatWasNeverRequested() {
        fixture.given(registered())
                .when(new CompleteErasureCommand(personId, erasureId, T0))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToCompleteAnotherErasureThanTheRequestedOne() {
        fixture.given(registered(), erasureRequested())
                .when(new CompleteErasureCommand(personId, UUID.randomUUID(), T0))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void refusesSignalsOnceErased() {
        fixture.given(registered(), granted(ConsentTopic.MOOD), erasureRequested(),
                        new PersonErasedEvent(personId, erasureId, T0.plusSeconds(120)))
                .when(mood(SignalId.random(), null))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }

    @Test
    void aSignalOfAnotherSourceNeedsItsOwnConsent() {
        fixture.given(registered(), granted(ConsentTopic.MOOD))
                .when(new RecordSignalCommand(personId, SignalId.random(), "checkin", T0, new HabitPayload("yoga", 1),
                        null, T0))
                .expectException(ConsentMissingException.class)
                .expectNoEvents();
    }
}

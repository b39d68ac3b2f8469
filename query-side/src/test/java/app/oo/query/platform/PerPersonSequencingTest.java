package app.oo.query.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import app.oo.domain.signal.MoodPayload;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.signal.SignalSource;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.domain.tip.Reaction;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class PerPersonSequencingTest {

    private final PersonId person = PersonId.random();
    private final Instant at = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aPersonsSignalsTipsAndErasureShareOneSequence() {
        SignalRecordedEvent signal = new SignalRecordedEvent(person, SignalId.random(), SignalSource.MOOD, "checkin",
                at, new MoodPayload(3, "a private note"), null, at);
        TipReactedEvent reaction = new TipReactedEvent(TipId.random(), person, Reaction.DONE, 1.0, UUID.randomUUID(),
                at);
        PersonErasedEvent erasure = new PersonErasedEvent(person, UUID.randomUUID(), at);
        PerPersonSequencing policy = PerPersonSequencing.instance();

        Object expected = person.toString();
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Person", person.toString(), 3,
                signal))).isEqualTo(expected);
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Tip", UUID.randomUUID().toString(),
                1, reaction))).isEqualTo(expected);
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(erasure))).isEqualTo(expected);
    }

    @Test
    void onlyTheMarkedDataSubjectCountsForTheErasureGuard() {
        assertThat(DataSubjects.subjectOf(new PersonErasedEvent(person, UUID.randomUUID(), at)))
                .as("erasure events carry no personal data and must reach the handlers").isNull();
        assertThat(DataSubjects.personOf(new PersonErasedEvent(person, UUID.randomUUID(), at))).isEqualTo(person);
        assertThat(DataSubjects.subjectOf(new TipReactedEvent(TipId.random(), person, Reaction.DONE, 1.0,
                UUID.randomUUID(), at))).isEqualTo(person);
        assertThat(DataSubjects.subjectOf("not a record")).isNull();
    }

    @Test
    void aStoredRowGetsTheSequenceItsEventGetsLiveWithoutDeserializingIt() {
        String reaction = """
                {"tipId":"%s","personId":"%s","reaction":"done","reward":1.0,"at":"%s"}""".formatted(
                TipId.random(), person, at);
        String erasure = """
                {"personId":"%s","erasureId":"%s","at":"%s"}""".formatted(person, UUID.randomUUID(), at);
        String tipAggregate = UUID.randomUUID().toString();

        assertThat(PerPersonSequencing.sequenceOf("Person", person.toString(), "any.Type", "{}"))
                .isEqualTo(person.toString());
        assertThat(PerPersonSequencing.sequenceOf("Tip", tipAggregate, TipReactedEvent.class.getName(),
                reaction)).isEqualTo(person.toString());
        assertThat(PerPersonSequencing.sequenceOf(null, "an-event-id", PersonErasedEvent.class.getName(),
                erasure)).as("published outside an aggregate").isEqualTo(person.toString());
        assertThat(PerPersonSequencing.sequenceOf("Tip", tipAggregate, "app.oo.domain.NoSuchEvent",
                "{\"personId\":\"" + person + "\"}")).as("a type no longer known keeps its aggregate's order")
                .isEqualTo(tipAggregate);
        assertThat(PerPersonSequencing.sequenceOf("Tip", tipAggregate, TipReactedEvent.class.getName(), "not json"))
                .isEqualTo(tipAggregate);
    }

    @Test
    void onlyATopLevelFieldNamesThePerson() {
        assertThat(PerPersonSequencing.topLevelString(
                "{\"decision\":{\"personId\":\"nested\"},\"n\":[1,{\"personId\":\"x\"}],\"personId\":\"top\"}",
                "personId")).isEqualTo("top");
        assertThat(PerPersonSequencing.topLevelString("{\"personId\":{\"value\":\"x\"}}", "personId")).isNull();
        assertThat(PerPersonSequencing.topLevelString("[]", "personId")).isNull();
    }
}

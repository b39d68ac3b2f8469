package app.oo.domain.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.oo.domain.person.PersonId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each rule of the typed signals, one behaviour per test; every failure names its field. */
class SignalRulesTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final PersonId PERSON = PersonId.of("00000000-0000-0000-0000-00000000000a");
    final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    static String fieldOf(Executable executable) {
        InvalidSignalException e = catchThrowableOfType(() -> {
            try {
                executable.execute();
            } catch (Throwable t) {
                throw t instanceof Exception ex ? ex : new RuntimeException(t);
            }
        }, InvalidSignalException.class);
        assertThat(e).as("an InvalidSignalException").isNotNull();
        return e.field();
    }

    @Test
    void rejectsAnUnknownSourceNamingTheKnownOnes() {
        assertThatThrownBy(() -> SignalSource.fromWireName("weather"))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessage("source: unknown source 'weather'; expected one of [tasks, calendar, mood, habits, context]");
    }

    @Test
    void rejectsATypeTheSourceDoesNotKnow() {
        assertThat(fieldOf(() -> new RecordSignalCommand(PERSON, SignalId.random(), "deleted", T0,
                new TaskPayload(null, null, null), null, T0))).isEqualTo("type");
    }

    @Test
    void rejectsASignalWithoutItsTime() {
        assertThat(fieldOf(() -> new RecordSignalCommand(PERSON, SignalId.random(), "checkin", null,
                new MoodPayload(3, null), null, T0))).isEqualTo("occurredAt");
    }

    @Test
    void rejectsABlankOrOverlongClientId() {
        assertThat(fieldOf(() -> new RecordSignalCommand(PERSON, SignalId.random(), "checkin", T0,
                new MoodPayload(3, null), " ", T0))).isEqualTo("clientId");
        assertThat(fieldOf(() -> new RecordSignalCommand(PERSON, SignalId.random(), "checkin", T0,
                new MoodPayload(3, null), "x".repeat(129), T0))).isEqualTo("clientId");
    }

    @Test
    void rejectsABatchHoldingAnotherPersonsSignal() {
        RecordSignalCommand foreign = new RecordSignalCommand(PersonId.random(), SignalId.random(), "checkin", T0,
                new MoodPayload(3, null), null, T0);
        assertThatThrownBy(() -> new RecordSignalsCommand(PERSON, List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to " + PERSON);
    }

    @Test
    void rejectsAMoodWithoutScore() {
        assertThat(fieldOf(() -> new MoodPayload(null, "tired"))).isEqualTo("payload.score");
    }

    @Test
    void rejectsAMoodScoreOutOfRange() {
        assertThat(fieldOf(() -> new MoodPayload(0, null))).isEqualTo("payload.score");
        assertThatThrownBy(() -> new MoodPayload(9, null)).hasMessage("payload.score: must be between 1 and 5, was 9");
    }

    @Test
    void rejectsAnOverlongMoodNote() {
        assertThat(fieldOf(() -> new MoodPayload(3, "x".repeat(281)))).isEqualTo("payload.note");
    }

    @Test
    void rejectsAHabitWithoutName() {
        assertThat(fieldOf(() -> new HabitPayload(" ", 3))).isEqualTo("payload.habit");
    }

    @Test
    void rejectsAHabitWithoutStreak() {
        assertThat(fieldOf(() -> new HabitPayload("running", null))).isEqualTo("payload.streak");
    }

    @Test
    void rejectsANegativeStreak() {
        assertThat(fieldOf(() -> new HabitPayload("running", -1))).isEqualTo("payload.streak");
    }

    @Test
    void rejectsABusyBlockWithoutStart() {
        assertThat(fieldOf(() -> new CalendarPayload(null, T0, "meeting"))).isEqualTo("payload.start");
    }

    @Test
    void rejectsABusyBlockEndingBeforeItStarts() {
        assertThat(fieldOf(() -> new CalendarPayload(T0, T0.minusSeconds(60), "meeting"))).isEqualTo("payload.end");
    }

    @Test
    void rejectsABusyBlockLongerThanADay() {
        assertThat(fieldOf(() -> new CalendarPayload(T0, T0.plusSeconds(25 * 3600), "meeting")))
                .isEqualTo("payload.end");
    }

    @Test
    void rejectsAnUnknownBusyBlockCategory() {
        assertThat(fieldOf(() -> new CalendarPayload(T0, T0.plusSeconds(3600), "party"))).isEqualTo("payload.category");
    }

    @Test
    void rejectsAnUnknownTimeZone() {
        assertThat(fieldOf(() -> new ContextPayload("Mars/Olympus", "home", "phone"))).isEqualTo("payload.timeZone");
    }

    @Test
    void rejectsAnUnknownPlaceOrDevice() {
        assertThat(fieldOf(() -> new ContextPayload("Europe/Berlin", "moon", "phone"))).isEqualTo("payload.place");
        assertThat(fieldOf(() -> new ContextPayload("Europe/Berlin", "home", "toaster"))).isEqualTo("payload.device");
    }

    @Test
    void rejectsAnOverlongTaskReferenceOrProject() {
        assertThat(fieldOf(() -> new TaskPayload("r".repeat(65), null, null))).isEqualTo("payload.taskRef");
        assertThat(fieldOf(() -> new TaskPayload(null, null, "p".repeat(81)))).isEqualTo("payload.project");
    }

    @Test
    void acceptsATaskWithOnlyOptionalFieldsLeftOut() {
        TaskPayload payload = new TaskPayload(null, LocalDate.parse("2026-11-20"), null);
        assertThat(new RecordSignalCommand(PERSON, SignalId.random(), "overdue", T0, payload, null, T0).source())
                .isEqualTo(SignalSource.TASKS);
    }

    @Test
    void rejectsAFieldOfTheWrongTypeNamingIt() {
        MismatchedInputException e = catchThrowableOfType(() -> json.readValue(
                "{\"@source\":\"mood\",\"score\":\"high\"}", SignalPayload.class), MismatchedInputException.class);
        assertThat(e).isNotNull();
        assertThat(e.getPath().get(0).getFieldName()).isEqualTo("score");
    }

    @Test
    void rejectsOutOfRangeValuesArrivingAsJson() {
        assertThatThrownBy(() -> json.readValue("{\"@source\":\"habits\",\"habit\":\"run\",\"streak\":-4}",
                SignalPayload.class))
                .hasRootCauseInstanceOf(InvalidSignalException.class)
                .rootCause().hasMessageStartingWith("payload.streak");
    }

    @Test
    void readsEachSourceItsOwnPayloadRecord() throws Exception {
        assertThat(json.readValue("{\"@source\":\"mood\",\"score\":4,\"note\":\"ok\"}", SignalPayload.class))
                .isEqualTo(new MoodPayload(4, "ok"));
        assertThat(json.readValue("{\"@source\":\"context\",\"timeZone\":\"Europe/Berlin\",\"place\":\"home\","
                + "\"device\":\"phone\"}", SignalPayload.class))
                .isEqualTo(new ContextPayload("Europe/Berlin", "home", "phone"));
    }
}

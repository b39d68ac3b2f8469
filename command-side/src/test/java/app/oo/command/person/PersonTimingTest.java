package app.oo.command.person;

import app.oo.domain.erasure.ErasureRequestedEvent;
import app.oo.domain.person.PersonErasedException;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonRegisteredEvent;
import app.oo.domain.timing.SetTimingPreferencesCommand;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingPreferencesSetEvent;
import app.oo.domain.timing.TimingTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonTimingTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    final PersonId personId = PersonId.of("00000000-0000-0000-0000-00000000000b");
    final TimingPreferences preferences = new TimingPreferences("Europe/Amsterdam", LocalTime.of(23, 0),
            LocalTime.of(6, 30), 2, LocalTime.of(7, 45), Set.of(TimingTrigger.MORNING), Duration.ofMinutes(90));
    FixtureConfiguration<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
    }

    @Test
    void setsTimingPreferences() {
        fixture.given(new PersonRegisteredEvent(personId, "Ada", T0))
                .when(new SetTimingPreferencesCommand(personId, preferences, T0.plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TimingPreferencesSetEvent(personId, preferences, T0.plusSeconds(5)));
    }

    @Test
    void refusesTimingPreferencesOnceErasureWasRequested() {
        fixture.given(new PersonRegisteredEvent(personId, "Ada", T0),
                        new ErasureRequestedEvent(personId, UUID.randomUUID(), "person", T0.plusSeconds(1)))
                .when(new SetTimingPreferencesCommand(personId, preferences, T0.plusSeconds(5)))
                .expectException(PersonErasedException.class)
                .expectNoEvents();
    }
}

package app.oo.command.tip;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.ExpireTipCommand;
import app.oo.domain.tip.IssueTipCommand;
import app.oo.domain.tip.MarkTipShownCommand;
import app.oo.domain.tip.ReactToTipCommand;
import app.oo.domain.tip.Reaction;
import app.oo.domain.tip.ResurfaceTipCommand;
import app.oo.domain.tip.TipAlreadyFinalException;
import app.oo.domain.tip.TipCategory;
import app.oo.domain.tip.TipExpiredEvent;
import app.oo.domain.tip.TipExpiredException;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipKind;
import app.oo.domain.tip.TipNotFoundException;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.domain.tip.TipResurfacedEvent;
import app.oo.domain.tip.TipShownEvent;
import app.oo.domain.tip.TipSnoozedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TipTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Duration SNOOZE = Duration.ofHours(2);
    static final Duration LIFETIME = Duration.ofHours(24);

    final TipId tipId = TipId.of("00000000-0000-0000-0000-0000000000f1");
    final PersonId owner = PersonId.of("00000000-0000-0000-0000-00000000000a");
    final PersonId stranger = PersonId.of("00000000-0000-0000-0000-00000000000b");
    final Decision decision = new Decision(UUID.fromString("00000000-0000-0000-0000-0000000000d1"), "linucb", "1",
            0.5, "exact", "c1", Map.of("localHour", 8.0), List.of(), null);
    FixtureConfiguration<Tip> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tip.class);
        fixture.registerInjectableResource(new TipTimings(SNOOZE, LIFETIME));
    }

    IssueTipCommand issue() {
        return new IssueTipCommand(tipId, owner, "Take a short walk", TipKind.ADVICE, TipCategory.MOVEMENT, decision, T0);
    }

    TipIssuedEvent issued() {
        return new TipIssuedEvent(tipId, owner, "Take a short walk", TipKind.ADVICE, TipCategory.MOVEMENT, decision, T0);
    }

    TipReactedEvent reacted(Reaction reaction, Instant at) {
        return new TipReactedEvent(tipId, owner, reaction, reaction.reward(), decision.decisionId(), at);
    }

    @Test
    void issuesATipAndSchedulesItsExpiry() {
        fixture.givenCurrentTime(T0)
                .when(issue())
                .expectEvents(issued())
                .expectScheduledDeadline(T0.plus(LIFETIME), new TipExpiryDue(T0.plus(LIFETIME)));
    }

    @Test
    void rejectsATipWithAnUnknownCategory() {
        fixture.givenNoPriorActivity()
                .when(new IssueTipCommand(tipId, owner, "Take a walk", TipKind.ADVICE, "astrology", decision, T0))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("unknown tip category 'astrology'; expected one of " + TipCategory.ALL)
                .expectNoEvents();
    }

    @Test
    void rejectsATipWithoutText() {
        fixture.givenNoPriorActivity()
                .when(new IssueTipCommand(tipId, owner, " ", TipKind.ADVICE, TipCategory.FOCUS, decision, T0))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void recordsThatTheOwnerWasShownTheTip() {
        fixture.given(issued())
                .when(new MarkTipShownCommand(tipId, owner, T0.plusSeconds(1)))
                .expectEvents(new TipShownEvent(tipId, owner, T0.plusSeconds(1)));
    }

    @Test
    void showingTheSameTipAgainRecordsNothing() {
        fixture.given(issued(), new TipShownEvent(tipId, owner, T0.plusSeconds(1)))
                .when(new MarkTipShownCommand(tipId, owner, T0.plusSeconds(9)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aResurfacedTipCanBeShownAgain() {
        fixture.given(issued(), new TipShownEvent(tipId, owner, T0.plusSeconds(1)),
                        reacted(Reaction.SNOOZED, T0.plusSeconds(5)),
                        new TipSnoozedEvent(tipId, owner, T0.plusSeconds(5).plus(SNOOZE), T0.plusSeconds(5)),
                        new TipResurfacedEvent(tipId, owner, T0.plusSeconds(5).plus(SNOOZE)))
                .when(new MarkTipShownCommand(tipId, owner, T0.plus(SNOOZE).plusSeconds(10)))
                .expectEvents(new TipShownEvent(tipId, owner, T0.plus(SNOOZE).plusSeconds(10)));
    }

    @Test
    void showingSomeoneElsesTipAnswersNotFound() {
        fixture.given(issued())
                .when(new MarkTipShownCommand(tipId, stranger, T0))
                .expectException(TipNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void recordsTheOwnersFinalReactionWithItsReward() {
        fixture.given(issued())
                .when(new ReactToTipCommand(tipId, owner, Reaction.DONE, T0.plusSeconds(60)))
                .expectEvents(reacted(Reaction.DONE, T0.plusSeconds(60)));
    }

    @Test
    void onlyTheOwnerCanReactOthersGetNotFound() {
        fixture.given(issued())
                .when(new ReactToTipCommand(tipId, stranger, Reaction.DONE, T0))
                .expectException(TipNotFoundException.class)
                .expectExceptionMessage("no tip " + tipId + " for this person")
                .expectNoEvents();
    }

    @Test
    void refusesASecondFinalReaction() {
        fixture.given(issued(), reacted(Reaction.DONE, T0.plusSeconds(60)))
                .when(new ReactToTipCommand(tipId, owner, Reaction.DISMISSED, T0.plusSeconds(90)))
                .expectException(TipAlreadyFinalException.class)
                .expectNoEvents();
    }

    @Test
    void snoozingSchedulesTheTipToComeBackAfterTheConfiguredSnooze() {
        Instant at = T0.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGiven(issued())
                .when(new ReactToTipCommand(tipId, owner, Reaction.SNOOZED, at))
                .expectEvents(reacted(Reaction.SNOOZED, at), new TipSnoozedEvent(tipId, owner, at.plus(SNOOZE), at))
                .expectScheduledDeadline(at.plus(SNOOZE), new TipResurfaceDue(at.plus(SNOOZE)));
    }

    @Test
    void aSnoozedTipResurfacesWhenItsSnoozeIsOver() {
        Instant at = T0.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGivenCommands(issue(), new ReactToTipCommand(tipId, owner, Reaction.SNOOZED, at))
                .whenThenTimeAdvancesTo(at.plus(SNOOZE))
                .expectTriggeredDeadlines(new TipResurfaceDue(at.plus(SNOOZE)))
                .expectEvents(new TipResurfacedEvent(tipId, owner, at.plus(SNOOZE)));
    }

    @Test
    void aSnoozedTipResurfacesOnCommandOnceItsSnoozeIsOver() {
        Instant at = T0.plusSeconds(60);
        fixture.given(issued(), reacted(Reaction.SNOOZED, at), new TipSnoozedEvent(tipId, owner, at.plus(SNOOZE), at))
                .when(new ResurfaceTipCommand(tipId, at.plus(SNOOZE).plusSeconds(1)))
                .expectEvents(new TipResurfacedEvent(tipId, owner, at.plus(SNOOZE).plusSeconds(1)));
    }

    @Test
    void refusesToResurfaceATipBeforeItsSnoozeIsOver() {
        Instant at = T0.plusSeconds(60);
        fixture.given(issued(), reacted(Reaction.SNOOZED, at), new TipSnoozedEvent(tipId, owner, at.plus(SNOOZE), at))
                .when(new ResurfaceTipCommand(tipId, at.plusSeconds(60)))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void resurfacingATipThatIsNotSnoozedChangesNothing() {
        fixture.given(issued())
                .when(new ResurfaceTipCommand(tipId, T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resurfacingTwiceRecordsItOnce() {
        Instant at = T0.plusSeconds(60);
        fixture.given(issued(), reacted(Reaction.SNOOZED, at), new TipSnoozedEvent(tipId, owner, at.plus(SNOOZE), at),
                        new TipResurfacedEvent(tipId, owner, at.plus(SNOOZE)))
                .when(new ResurfaceTipCommand(tipId, at.plus(SNOOZE).plusSeconds(5)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFinalReactionToASnoozedTipCancelsItsResurfacing() {
        Instant at = T0.plusSeconds(60);
        fixture.givenCurrentTime(T0)
                .andGivenCommands(issue(), new ReactToTipCommand(tipId, owner, Reaction.SNOOZED, at),
                        new ReactToTipCommand(tipId, owner, Reaction.DONE, at.plusSeconds(60)))
                .whenThenTimeAdvancesTo(at.plus(LIFETIME))
                .expectNoEvents()
                .expectTriggeredDeadlines();
    }

    @Test
    void aTipWithoutFinalReactionExpiresAtTheEndOfItsLifetime() {
        fixture.givenCurrentTime(T0)
                .andGivenCommands(issue())
                .whenThenTimeAdvancesTo(T0.plus(LIFETIME))
                .expectTriggeredDeadlines(new TipExpiryDue(T0.plus(LIFETIME)))
                .expectEvents(new TipExpiredEvent(tipId, owner, T0.plus(LIFETIME)));
    }

    @Test
    void aSnoozedTipExpiresWhenItsLifetimeEndsFirst() {
        Instant at = T0.plus(LIFETIME).minus(Duration.ofMinutes(30));
        fixture.givenCurrentTime(T0)
                .andGivenCommands(issue(), new ReactToTipCommand(tipId, owner, Reaction.SNOOZED, at))
                .whenThenTimeAdvancesTo(at.plus(SNOOZE))
                .expectEvents(new TipExpiredEvent(tipId, owner, T0.plus(LIFETIME)));
    }

    @Test
    void expiresOnCommandOnceTheLifetimeIsOver() {
        fixture.given(issued())
                .when(new ExpireTipCommand(tipId, T0.plus(LIFETIME)))
                .expectEvents(new TipExpiredEvent(tipId, owner, T0.plus(LIFETIME)));
    }

    @Test
    void refusesToExpireATipBeforeItsLifetimeIsOver() {
        fixture.given(issued())
                .when(new ExpireTipCommand(tipId, T0.plus(LIFETIME).minusSeconds(1)))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void expiringATipWithAFinalReactionChangesNothing() {
        fixture.given(issued(), reacted(Reaction.LIKED, T0.plusSeconds(60)))
                .when(new ExpireTipCommand(tipId, T0.plus(LIFETIME)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiringTwiceRecordsItOnce() {
        fixture.given(issued(), new TipExpiredEvent(tipId, owner, T0.plus(LIFETIME)))
                .when(new ExpireTipCommand(tipId, T0.plus(LIFETIME).plusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAReactionToAnExpiredTip() {
        fixture.given(issued(), new TipExpiredEvent(tipId, owner, T0.plus(LIFETIME)))
                .when(new ReactToTipCommand(tipId, owner, Reaction.DONE, T0.plus(LIFETIME).plusSeconds(1)))
                .expectException(TipExpiredException.class)
                .expectNoEvents();
    }

    @Test
    void timingsMustBePositive() {
        assertThatThrownBy(() -> new TipTimings(Duration.ZERO, LIFETIME)).isInstanceOf(IllegalArgumentException.class);
    }
}

package app.oo.command.tip;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.oo.domain.person.PersonId;
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
import app.oo.domain.tip.TipNotFoundException;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.domain.tip.TipResurfacedEvent;
import app.oo.domain.tip.TipShownEvent;
import app.oo.domain.tip.TipSnoozedEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One tip: issued once to one person, who alone may see it and react to it, once finally. A snooze
 * sends it away until a deadline brings it back; a tip left without a final reaction for its
 * lifetime expires. Both deadlines live on the aggregate, so they run under its lock and a
 * reaction arriving at the same moment cannot interleave with them.
 */
@Aggregate
public class Tip {

    static final int MAX_TEXT_LENGTH = 280;
    static final String RESURFACE_DEADLINE = "tip-resurface";
    static final String EXPIRY_DEADLINE = "tip-expiry";

    @AggregateIdentifier
    private TipId tipId;
    private PersonId owner;
    private UUID decisionId;
    private Instant issuedAt;
    private Reaction finalReaction;
    private Instant snoozedUntil;
    private Instant expiredAt;
    private boolean shown;

    /** For Axon: an event-sourced aggregate is rebuilt from its events onto an empty instance. */
    protected Tip() {
    }

    @CommandHandler
    public Tip(IssueTipCommand command, DeadlineManager deadlines, TipTimings timings) {
        Objects.requireNonNull(command.personId(), "personId");
        Objects.requireNonNull(command.kind(), "kind");
        Objects.requireNonNull(command.decision(), "decision");
        Objects.requireNonNull(command.issuedAt(), "issuedAt");
        if (command.text() == null || command.text().isBlank() || command.text().length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("a tip's text is 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        if (!TipCategory.isKnown(command.category())) {
            throw new IllegalArgumentException("unknown tip category '" + command.category()
                    + "'; expected one of " + TipCategory.ALL);
        }
        apply(new TipIssuedEvent(command.tipId(), command.personId(), command.text(), command.kind(),
                command.category(), command.decision(), command.issuedAt()));
        Instant expiresAt = timings.expiresAt(command.issuedAt());
        deadlines.schedule(expiresAt, EXPIRY_DEADLINE, new TipExpiryDue(expiresAt));
    }

    /** Idempotent per appearance: the page may report the same showing more than once. */
    @CommandHandler
    public void handle(MarkTipShownCommand command) {
        requireOwner(command.actor());
        if (shown || isClosed() || snoozedUntil != null) {
            return;
        }
        apply(new TipShownEvent(tipId, owner, command.at()));
    }

    @CommandHandler
    public void handle(ReactToTipCommand command, DeadlineManager deadlines, TipTimings timings) {
        requireOwner(command.actor());
        if (finalReaction != null) {
            throw new TipAlreadyFinalException(tipId, finalReaction, command.reaction());
        }
        if (expiredAt != null) {
            throw new TipExpiredException(tipId, expiredAt, command.reaction());
        }
        apply(new TipReactedEvent(tipId, owner, command.reaction(), command.reaction().reward(), decisionId,
                command.at()));
        deadlines.cancelAllWithinScope(RESURFACE_DEADLINE);
        if (command.reaction() == Reaction.SNOOZED) {
            Instant until = timings.snoozedUntil(command.at());
            deadlines.schedule(until, RESURFACE_DEADLINE, new TipResurfaceDue(until));
            apply(new TipSnoozedEvent(tipId, owner, until, command.at()));
        } else {
            deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
        }
    }

    @CommandHandler
    public void handle(ResurfaceTipCommand command) {
        resurface(command.at());
    }

    @DeadlineHandler(deadlineName = RESURFACE_DEADLINE)
    void on(TipResurfaceDue due) {
        resurface(due.until());
    }

    @CommandHandler
    public void handle(ExpireTipCommand command, DeadlineManager deadlines, TipTimings timings) {
        if (isClosed()) {
            return;
        }
        Instant due = timings.expiresAt(issuedAt);
        if (command.at().isBefore(due)) {
            throw new IllegalStateException("tip " + tipId + " was issued at " + issuedAt + " and lives until " + due
                    + "; it cannot expire at " + command.at());
        }
        expire(command.at(), deadlines);
    }

    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void on(TipExpiryDue due, DeadlineManager deadlines) {
        if (!isClosed()) {
            expire(due.at(), deadlines);
        }
    }

    private void resurface(Instant at) {
        if (snoozedUntil == null || isClosed()) {
            return;
        }
        if (at.isBefore(snoozedUntil)) {
            throw new IllegalStateException("tip " + tipId + " is snoozed until " + snoozedUntil
                    + "; it cannot resurface at " + at);
        }
        apply(new TipResurfacedEvent(tipId, owner, at));
    }

    private void expire(Instant at, DeadlineManager deadlines) {
        apply(new TipExpiredEvent(tipId, owner, at));
        deadlines.cancelAllWithinScope(RESURFACE_DEADLINE);
    }

    private boolean isClosed() {
        return finalReaction != null || expiredAt != null;
    }

    /** Someone else's tip answers as if it did not exist, so tip ids cannot be probed. */
    private void requireOwner(PersonId actor) {
        if (!owner.equals(actor)) {
            throw new TipNotFoundException(tipId);
        }
    }

    @EventSourcingHandler
    void on(TipIssuedEvent event) {
        this.tipId = event.tipId();
        this.owner = event.personId();
        this.decisionId = event.decision().decisionId();
        this.issuedAt = event.issuedAt();
    }

    @EventSourcingHandler
    void on(TipShownEvent event) {
        this.shown = true;
    }

    @EventSourcingHandler
    void on(TipReactedEvent event) {
        if (event.reaction().isFinal()) {
            this.finalReaction = event.reaction();
            this.snoozedUntil = null;
        }
    }

    @EventSourcingHandler
    void on(TipSnoozedEvent event) {
        this.snoozedUntil = event.until();
    }

    @EventSourcingHandler
    void on(TipResurfacedEvent event) {
        this.snoozedUntil = null;
        this.shown = false;
    }

    @EventSourcingHandler
    void on(TipExpiredEvent event) {
        this.expiredAt = event.at();
        this.snoozedUntil = null;
    }
}

package app.oo.command.tip;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.IssueTipCommand;
import app.oo.domain.tip.ReactToTipCommand;
import app.oo.domain.tip.Reaction;
import app.oo.domain.tip.TipAlreadyFinalException;
import app.oo.domain.tip.TipCategory;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipNotFoundException;
import app.oo.domain.tip.TipReactedEvent;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One tip: issued once to one person, who alone may react to it, once finally. */
@Aggregate(cache = "aggregateCache")
public class Tip {

    static final int MAX_TEXT_LENGTH = 280;

    @AggregateIdentifier
    private TipId tipId;
    private PersonId owner;
    private UUID decisionId;
    private Reaction finalReaction;

    /** For Axon: an event-sourced aggregate is rebuilt from its events onto an empty instance. */
    protected Tip() {
    }

    @CommandHandler
    public Tip(IssueTipCommand command) {
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
    }

    @CommandHandler
    public void handle(ReactToTipCommand command) {
        if (!owner.equals(command.actor())) {
            throw new TipNotFoundException(tipId);
        }
        if (finalReaction != null) {
            throw new TipAlreadyFinalException(tipId, finalReaction, command.reaction());
        }
        apply(new TipReactedEvent(tipId, owner, command.reaction(), command.reaction().reward(), decisionId,
                command.at()));
    }

    @EventSourcingHandler
    void on(TipIssuedEvent event) {
        this.tipId = event.tipId();
        this.owner = event.personId();
        this.decisionId = event.decision().decisionId();
    }

    @EventSourcingHandler
    void on(TipReactedEvent event) {
        if (event.reaction().isFinal()) {
            this.finalReaction = event.reaction();
        }
    }
}

package app.oo.command.person;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.RecordSignalsCommand;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.timing.SetTimingPreferencesCommand;
import app.oo.domain.timing.TimingPreferencesSetEvent;
import app.oo.domain.tip.RequestTipCommand;
import app.oo.domain.tip.TipRequestedEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person: what they consented to, which signals they sent, whether they asked to be erased.
 * Field visibility lets the Jackson serializer snapshot the state without accessors.
 */
@Aggregate(snapshotTriggerDefinition = "personSnapshotTrigger", cache = "personCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Person {

    @AggregateIdentifier
    private PersonId personId;
    private Map<ConsentTopic, String> consents = new EnumMap<>(ConsentTopic.class);
    private boolean erasureRequested;
    private UUID erasureId;
    private boolean erased;
    private RecentClientIds recentClientIds = new RecentClientIds();

    /** For Axon: an event-sourced aggregate is rebuilt from its events onto an empty instance. */
    protected Person() {
    }

    @CommandHandler
    public Person(RegisterPersonCommand command) {
        Objects.requireNonNull(command.registeredAt(), "registeredAt");
        apply(new PersonRegisteredEvent(command.personId(), command.displayName(), command.registeredAt()));
    }

    @CommandHandler
    public void handle(GrantConsentCommand command) {
        requireNotErased();
        if (command.policyVersion().equals(consents.get(command.topic()))) {
            return;
        }
        apply(new ConsentGrantedEvent(personId, command.topic(), command.how(), command.policyVersion(), command.at()));
    }

    @CommandHandler
    public void handle(RevokeConsentCommand command) {
        requireNotErased();
        if (!consents.containsKey(command.topic())) {
            return;
        }
        apply(new ConsentRevokedEvent(personId, command.topic(), command.how(), command.policyVersion(), command.at()));
    }

    /** @return the id the signal is recorded under; a retry with a known client id returns the first id */
    @CommandHandler
    public SignalId handle(RecordSignalCommand command) {
        requireNotErased();
        requireConsent(ConsentTopic.of(command.source()));
        return record(command);
    }

    /** All or nothing: one signal without consent refuses the whole batch, so nothing is half stored. */
    @CommandHandler
    public List<SignalId> handle(RecordSignalsCommand command) {
        requireNotErased();
        command.signals().forEach(signal -> requireConsent(ConsentTopic.of(signal.source())));
        List<SignalId> ids = new ArrayList<>(command.signals().size());
        for (RecordSignalCommand signal : command.signals()) {
            ids.add(record(signal));
        }
        return ids;
    }

    @CommandHandler
    public void handle(RequestTipCommand command) {
        requireNotErased();
        requireConsent(ConsentTopic.TIPS);
        apply(new TipRequestedEvent(personId, command.tipId(), command.reason(), command.requestedAt()));
    }

    /**
     * Always applied, never compared with the last ones: keeping them in the aggregate would put
     * them, unsealed, into its snapshots, which outlive the person's key.
     */
    @CommandHandler
    public void handle(SetTimingPreferencesCommand command) {
        requireNotErased();
        Objects.requireNonNull(command.preferences(), "preferences");
        Objects.requireNonNull(command.at(), "at");
        apply(new TimingPreferencesSetEvent(personId, command.preferences(), command.at()));
    }

    /** The last command a person can give: from the event on, the aggregate refuses everything else. */
    @CommandHandler
    public void handle(RequestErasureCommand command) {
        requireNotErased();
        Objects.requireNonNull(command.erasureId(), "erasureId");
        Objects.requireNonNull(command.at(), "at");
        apply(new ErasureRequestedEvent(personId, command.erasureId(), command.requestedBy(), command.at()));
    }

    /**
     * Sent by the erasure saga once every step is done. Idempotent, because compliance may replay
     * the saga after a restore: a second completion of the same erasure changes nothing.
     */
    @CommandHandler
    public void handle(CompleteErasureCommand command) {
        if (!erasureRequested) {
            throw new IllegalStateException("person " + personId + " has no erasure to complete (erasure "
                    + command.erasureId() + ")");
        }
        if (!erasureId.equals(command.erasureId())) {
            throw new IllegalArgumentException("person " + personId + " is being erased under erasure " + erasureId
                    + ", not " + command.erasureId());
        }
        if (erased) {
            return;
        }
        apply(new PersonErasedEvent(personId, erasureId, command.at()));
    }

    /**
     * Evidence of an erasure step, from the saga or a compliance replay: accepted once erasure was
     * requested, also after the person is erased, so every replay appends its own evidence.
     */
    @CommandHandler
    public void handle(RecordErasureStepCommand command) {
        if (!erasureRequested) {
            throw new IllegalStateException("person " + personId + " has no erasure to record a step of (erasure "
                    + command.erasureId() + ", step " + command.step() + ")");
        }
        if (!erasureId.equals(command.erasureId())) {
            throw new IllegalArgumentException("person " + personId + " is being erased under erasure " + erasureId
                    + ", not " + command.erasureId());
        }
        apply(new ErasureStepRecordedEvent(personId, erasureId, command.runId(), command.step(), command.outcome(),
                command.detail(), command.at()));
    }

    /** Whether the person consented to the topic; other aggregates ask before acting on the person's behalf. */
    public boolean hasConsent(ConsentTopic topic) {
        return consents.containsKey(topic);
    }

    /** True from the erasure request on: nothing may be done for the person any more. */
    public boolean erasureRequested() {
        return erasureRequested;
    }

    private SignalId record(RecordSignalCommand command) {
        SignalId known = recentClientIds.find(command.clientId());
        if (known != null) {
            return known;
        }
        apply(new SignalRecordedEvent(personId, command.signalId(), command.source(), command.type(),
                command.occurredAt(), command.payload(), command.clientId(), command.receivedAt()));
        return command.signalId();
    }

    private void requireNotErased() {
        if (erasureRequested) {
            throw new PersonErasedException(personId);
        }
    }

    private void requireConsent(ConsentTopic topic) {
        if (!consents.containsKey(topic)) {
            throw new ConsentMissingException(personId, topic);
        }
    }

    @EventSourcingHandler
    void on(PersonRegisteredEvent event) {
        this.personId = event.personId();
    }

    @EventSourcingHandler
    void on(ConsentGrantedEvent event) {
        consents.put(event.topic(), event.policyVersion());
    }

    @EventSourcingHandler
    void on(ConsentRevokedEvent event) {
        consents.remove(event.topic());
    }

    @EventSourcingHandler
    void on(SignalRecordedEvent event) {
        recentClientIds.remember(event.clientId(), event.signalId());
    }

    @EventSourcingHandler
    void on(ErasureRequestedEvent event) {
        this.erasureRequested = true;
        this.erasureId = event.erasureId();
    }

    @EventSourcingHandler
    void on(PersonErasedEvent event) {
        this.erased = true;
    }
}

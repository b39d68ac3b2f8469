package app.oo.command.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import app.oo.domain.policy.PolicyPromotedEvent;
import app.oo.domain.policy.PolicyRef;
import app.oo.domain.policy.PromotePolicyCommand;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The one registry of tip-policy promotions ({@link PromotePolicyCommand#REGISTRY_ID}): it accepts a
 * promotion only through the {@link PromotionGate} and records each one with its evidence. Being
 * one aggregate, it decides promotions one at a time.
 */
@Aggregate
public class PolicyRegistry {

    @AggregateIdentifier
    private String registryId;
    private PolicyRef lastPromoted;
    private final Set<String> usedSimulations = new HashSet<>();

    /** For Axon: the registry is created by its first promotion and rebuilt from its events. */
    protected PolicyRegistry() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PromotePolicyCommand command) {
        if (!PromotePolicyCommand.REGISTRY_ID.equals(command.registryId())) {
            throw new IllegalArgumentException("the policy registry is '" + PromotePolicyCommand.REGISTRY_ID
                    + "', not '" + command.registryId() + "'");
        }
        Objects.requireNonNull(command.promotedBy(), "promotedBy");
        Objects.requireNonNull(command.at(), "at");
        PromotionGate.check(command, lastPromoted, usedSimulations);
        apply(new PolicyPromotedEvent(command.registryId(), command.currentShadow(), command.currentIncumbent(),
                command.evidence().simulationId(), command.evidence(), command.promotedBy(), command.at()));
    }

    @EventSourcingHandler
    void on(PolicyPromotedEvent event) {
        this.registryId = event.registryId();
        this.lastPromoted = event.promoted();
        this.usedSimulations.add(event.simulationId());
    }
}

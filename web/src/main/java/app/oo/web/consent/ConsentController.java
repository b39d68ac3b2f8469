package app.oo.web.consent;

import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.consent.ConsentsView;
import app.oo.domain.consent.FindConsentsQuery;
import app.oo.domain.consent.GrantConsentCommand;
import app.oo.domain.consent.RevokeConsentCommand;
import app.oo.domain.person.PersonId;
import app.oo.web.identity.CurrentPerson;
import app.oo.web.problem.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consents per source and purpose; a change takes effect at once on the person's aggregate. */
@RestController
@RequestMapping("/api/consents")
public class ConsentController {

    private final CurrentPerson currentPerson;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final String policyVersion;

    public ConsentController(CurrentPerson currentPerson, CommandGateway commands, QueryGateway queries, Clock clock,
                             @Value("${oo.privacy.policy-version}") String policyVersion) {
        this.currentPerson = currentPerson;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.policyVersion = policyVersion;
    }

    /** One entry of the consents list. */
    public record ConsentState(String topic, String kind, String meaning, boolean granted, String policyVersion,
                               Instant changedAt) {
    }

    @GetMapping
    public Map<String, List<ConsentState>> list(Authentication auth) {
        ConsentsView view = queries.query(new FindConsentsQuery(currentPerson.of(auth)), ConsentsView.class).join();
        return Map.of("consents", view.consents().stream()
                .map(e -> new ConsentState(e.topic().wireName(), e.topic().kind(), e.topic().meaning(), e.granted(),
                        e.policyVersion(), e.changedAt()))
                .toList());
    }

    @PutMapping("/{topic}")
    public ConsentState change(@PathVariable String topic, @RequestBody JsonNode body, Authentication auth) {
        ConsentTopic parsed = ConsentTopic.find(topic).orElseThrow(() -> new InvalidRequestException("topic",
                "unknown topic '" + topic + "'; expected one of " + ConsentTopic.wireNames()));
        JsonNode granted = body.get("granted");
        if (granted == null || !granted.isBoolean()) {
            throw new InvalidRequestException("granted", "is required: true or false");
        }
        PersonId person = currentPerson.of(auth);
        Instant now = clock.instant();
        if (granted.booleanValue()) {
            commands.sendAndWait(new GrantConsentCommand(person, parsed, "web", policyVersion, now));
        } else {
            commands.sendAndWait(new RevokeConsentCommand(person, parsed, "web", policyVersion, now));
        }
        return new ConsentState(parsed.wireName(), parsed.kind(), parsed.meaning(), granted.booleanValue(),
                policyVersion, now);
    }
}

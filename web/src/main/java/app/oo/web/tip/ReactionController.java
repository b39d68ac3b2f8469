package app.oo.web.tip;

import app.oo.domain.tip.ReactToTipCommand;
import app.oo.domain.tip.Reaction;
import app.oo.domain.tip.TipId;
import app.oo.web.identity.CurrentPerson;
import app.oo.web.problem.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/tips/{tipId}/reactions}: the person's reaction, which is the policy's reward. */
@RestController
public class ReactionController {

    private final CurrentPerson currentPerson;
    private final CommandGateway commands;
    private final Clock clock;

    public ReactionController(CurrentPerson currentPerson, CommandGateway commands, Clock clock) {
        this.currentPerson = currentPerson;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/api/tips/{tipId}/reactions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> react(@PathVariable String tipId, @RequestBody JsonNode body, Authentication auth) {
        TipId id;
        try {
            id = TipId.of(tipId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("tipId", "is a UUID");
        }
        JsonNode reaction = body.get("reaction");
        if (reaction == null || !reaction.isTextual()) {
            throw new InvalidRequestException("reaction", "is required: done, dismissed, liked or snoozed");
        }
        Reaction parsed;
        try {
            parsed = Reaction.fromWireName(reaction.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("reaction", e.getMessage());
        }
        commands.sendAndWait(new ReactToTipCommand(id, currentPerson.of(auth), parsed, clock.instant()));
        return Map.of("tipId", id.toString(), "reaction", parsed.wireName());
    }
}

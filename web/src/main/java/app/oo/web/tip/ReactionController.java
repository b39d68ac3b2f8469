package app.oo.web.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.FindCurrentTipQuery;
import app.oo.domain.tip.ReactToTipCommand;
import app.oo.domain.tip.Reaction;
import app.oo.domain.tip.TipFeedResponse;
import app.oo.domain.tip.TipId;
import app.oo.web.identity.CurrentPerson;
import app.oo.web.problem.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code POST /api/tips/{tipId}/reactions}: the person's reaction, which is the policy's reward. */
@RestController
public class ReactionController {

    private final CurrentPerson currentPerson;
    private static final Duration VIEW_WAIT = Duration.ofSeconds(3);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public ReactionController(CurrentPerson currentPerson, CommandGateway commands, QueryGateway queries, Clock clock) {
        this.currentPerson = currentPerson;
        this.commands = commands;
        this.queries = queries;
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
        PersonId person = currentPerson.of(auth);
        // Read-your-writes: answer once the tip feed no longer shows this tip as current, so the
        // next POST /recommend gives a new tip instead of the one just reacted to.
        try (SubscriptionQueryResult<TipFeedResponse, TipFeedResponse> feed = queries.subscriptionQuery(
                new FindCurrentTipQuery(person), TipFeedResponse.class, TipFeedResponse.class)) {
            commands.sendAndWait(new ReactToTipCommand(id, person, parsed, clock.instant()));
            Flux.concat(feed.initialResult().flux(), feed.updates())
                    .filter(view -> view.current() == null || !view.current().id().equals(id))
                    .next()
                    .timeout(VIEW_WAIT, Mono.empty())
                    .block();
        }
        return Map.of("tipId", id.toString(), "reaction", parsed.wireName());
    }
}

package app.oo.web.tip;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.FindCurrentTipQuery;
import app.oo.domain.tip.RequestTipCommand;
import app.oo.domain.tip.TipFeedResponse;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipView;
import app.oo.web.identity.CurrentPerson;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /recommend}: the person's current tip when it is fresh, read through the QueryGateway
 * (from the tip feed's cache of current tips when this node keeps it, docs/adr/0019): no command,
 * no event store, no subscription on that path. Otherwise a tip request, answered when the tip
 * feed reports the new tip through a subscription query opened before the request is sent. The
 * request thread waits on that subscription, never a saga or event-handler thread.
 */
@RestController
public class RecommendController {

    private final CurrentPerson currentPerson;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TipProperties props;
    private final Clock clock;

    public RecommendController(CurrentPerson currentPerson, CommandGateway commands, QueryGateway queries, TipProperties props, Clock clock) {
        this.currentPerson = currentPerson;
        this.commands = commands;
        this.queries = queries;
        this.props = props;
        this.clock = clock;
    }

    @PostMapping("/recommend")
    public TipResponse recommend(Authentication auth) {
        PersonId person = currentPerson.of(auth);
        Instant now = clock.instant();
        FindCurrentTipQuery query = new FindCurrentTipQuery(person);
        TipView current = currentTip(query);
        if (current != null && current.issuedAt().isAfter(now.minus(props.freshFor()))) {
            return TipResponse.of(current);
        }
        try (SubscriptionQueryResult<TipFeedResponse, TipFeedResponse> feed =
                     queries.subscriptionQuery(query, TipFeedResponse.class, TipFeedResponse.class)) {
            TipId tipId = TipId.random();
            commands.sendAndWait(new RequestTipCommand(person, tipId, "on-demand", now));
            TipView issued = feed.updates()
                    .filter(update -> update.current() != null && update.current().id().equals(tipId))
                    .map(TipFeedResponse::current)
                    .blockFirst(props.waitFor());
            if (issued == null) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no tip arrived in time");
            }
            return TipResponse.of(issued);
        } catch (IllegalStateException timeout) {
            if (timeout.getMessage() != null && timeout.getMessage().startsWith("Timeout")) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no tip arrived in time");
            }
            throw timeout;
        }
    }

    private TipView currentTip(FindCurrentTipQuery query) {
        try {
            return queries.query(query, TipFeedResponse.class)
                    .get(props.waitFor().toMillis(), TimeUnit.MILLISECONDS).current();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        } catch (TimeoutException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the tip feed did not answer in time");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}

package app.oo.web.tip;

import app.oo.domain.tip.FindCurrentTipQuery;
import app.oo.domain.tip.TipFeedResponse;
import app.oo.web.identity.CurrentPerson;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

/**
 * {@code GET /api/tips/stream}: server-sent events, one {@code tip} event whenever the person's
 * current tip changes (a timed tip, a snoozed one coming back), so the page never reloads.
 * Open streams end when the app shuts down: a graceful shutdown would otherwise wait for each
 * open page until its shutdown phase times out. The page reconnects to the next node.
 */
@RestController
public class TipStreamController {

    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final CurrentPerson currentPerson;
    private final QueryGateway queries;
    private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

    public TipStreamController(CurrentPerson currentPerson, QueryGateway queries) {
        this.currentPerson = currentPerson;
        this.queries = queries;
    }

    @GetMapping(path = "/api/tips/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(Authentication auth) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        SubscriptionQueryResult<TipFeedResponse, TipFeedResponse> feed = queries.subscriptionQuery(
                new FindCurrentTipQuery(currentPerson.of(auth)), TipFeedResponse.class, TipFeedResponse.class);
        Disposable subscription = feed.updates()
                .filter(update -> update.current() != null)
                .subscribe(update -> {
                    try {
                        emitter.send(SseEmitter.event().name("tip").id(update.current().id().toString())
                                .data(TipResponse.of(update.current()), MediaType.APPLICATION_JSON));
                    } catch (IOException gone) {
                        emitter.completeWithError(gone);
                    }
                }, emitter::completeWithError, emitter::complete);
        open.add(emitter);
        Runnable release = () -> {
            open.remove(emitter);
            subscription.dispose();
            feed.close();
        };
        emitter.onCompletion(release);
        emitter.onTimeout(release);
        emitter.onError(e -> release.run());
        return emitter;
    }

    @EventListener(ContextClosedEvent.class)
    void endOpenStreams() {
        open.forEach(SseEmitter::complete);
        open.clear();
    }
}

package app.oo.query.tipfeed;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.tip.FindCurrentTipQuery;
import app.oo.domain.tip.TipExpiredEvent;
import app.oo.domain.tip.TipFeedResponse;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.domain.tip.TipView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Tips issued on this node, told to whoever waits for them as soon as the issue commits, without
 * waiting for the tip feed's processor (docs/adr/0020). A subscribing handler: it runs in the
 * thread and transaction that issued the tip, so the cache entry exists before the projection can
 * see the event, and a rolled-back issue takes it back. The update reaches subscribers only after
 * the commit (the emitter defers it to then). Tips issued on another node reach this node's
 * subscribers through the tip feed as before.
 */
@Component
@ProcessingGroup(JustIssuedTips.GROUP)
public class JustIssuedTips {

    /** Subscribing (application.yml): it holds no token and replays nothing. */
    public static final String GROUP = "tip-feed-local";

    private final QueryUpdateEmitter emitter;
    private final CurrentTipCache cache;

    public JustIssuedTips(QueryUpdateEmitter emitter, CurrentTipCache cache) {
        this.emitter = emitter;
        this.cache = cache;
    }

    @EventHandler
    void on(TipIssuedEvent event) {
        TipView tip = TipFeedProjection.toView(event);
        cache.issued(event.personId(), tip);
        CurrentUnitOfWork.ifStarted(uow -> uow.onRollback(u -> cache.settled(event.personId(), event.tipId())));
        emitter.emit(FindCurrentTipQuery.class, q -> q.personId().equals(event.personId()), new TipFeedResponse(tip));
    }

    @EventHandler
    void on(TipReactedEvent event) {
        cache.settled(event.personId(), event.tipId());
    }

    @EventHandler
    void on(TipExpiredEvent event) {
        cache.settled(event.personId(), event.tipId());
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        cache.erased(event.personId());
    }
}

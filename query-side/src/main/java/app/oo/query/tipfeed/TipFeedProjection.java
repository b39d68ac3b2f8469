package app.oo.query.tipfeed;

import app.oo.query.platform.ViewTime;
import static app.oo.query.jooq.Tables.TIP_FEED;
import static org.jooq.impl.DSL.inline;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import app.oo.domain.tip.FindCurrentTipQuery;
import app.oo.domain.tip.FindTipHistoryQuery;
import app.oo.domain.tip.Reaction;
import app.oo.domain.tip.TipFeedResponse;
import app.oo.domain.tip.TipHistoryResponse;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipKind;
import app.oo.domain.tip.TipExpiredEvent;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.domain.tip.TipResurfacedEvent;
import app.oo.domain.tip.TipView;
import app.oo.query.jooq.tables.records.TipFeedRecord;
import app.oo.query.platform.RenderedQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code tip_feed} and tells waiting subscribers when a person's current tip changes; the
 * current tip is answered from {@link CurrentTipCache} when this node keeps it.
 */
@Component
@ProcessingGroup(TipFeedProjection.GROUP)
public class TipFeedProjection {

    public static final String GROUP = "tip-feed";

    /** Stands for the person in {@link #currentTip}, rendered once: every tip event reads it. */
    private static final UUID PERSON = new UUID(0x6f4f_0000_0000_0002L, 1);

    private final DSLContext db;
    private final QueryUpdateEmitter emitter;
    private final CurrentTipCache cache;
    private final RenderedQuery currentTip;

    /** An instance that keeps no cache (a rebuild's). */
    public TipFeedProjection(DSLContext db, QueryUpdateEmitter emitter) {
        this(db, emitter, CurrentTipCache.disabled());
    }

    @Autowired
    public TipFeedProjection(DSLContext db, QueryUpdateEmitter emitter, CurrentTipCache cache) {
        this.db = db;
        this.emitter = emitter;
        this.cache = cache;
        this.currentTip = RenderedQuery.of(db, db.select(TIP_FEED.TIP_ID, TIP_FEED.TEXT, TIP_FEED.KIND,
                        TIP_FEED.CATEGORY, TIP_FEED.ISSUED_AT, TIP_FEED.POLICY, TIP_FEED.REACTION)
                .from(TIP_FEED)
                .where(TIP_FEED.PERSON_ID.eq(PERSON))
                .and(TIP_FEED.REACTION.isNull())
                .and(TIP_FEED.FINAL.isFalse())
                .orderBy(TIP_FEED.ISSUED_AT.desc())
                .limit(inline(1)), bind -> bind == PERSON);
    }

    @EventHandler
    void on(TipIssuedEvent event) {
        db.insertInto(TIP_FEED)
                .set(TIP_FEED.TIP_ID, event.tipId().value())
                .set(TIP_FEED.PERSON_ID, event.personId().value())
                .set(TIP_FEED.TEXT, event.text())
                .set(TIP_FEED.KIND, event.kind().wireName())
                .set(TIP_FEED.CATEGORY, event.category())
                .set(TIP_FEED.POLICY, event.decision().policy())
                .set(TIP_FEED.ISSUED_AT, ViewTime.utc(event.issuedAt()))
                .onConflictDoNothing()
                .execute();
        cache.projected(event.personId(), event.issuedAt());
        emitCurrent(event.personId());
    }

    @EventHandler
    void on(TipReactedEvent event) {
        db.update(TIP_FEED)
                .set(TIP_FEED.REACTION, event.reaction().wireName())
                .set(TIP_FEED.REACTED_AT, ViewTime.utc(event.at()))
                .set(TIP_FEED.FINAL, event.reaction().isFinal())
                .where(TIP_FEED.TIP_ID.eq(event.tipId().value()))
                .and(TIP_FEED.FINAL.isFalse())
                .execute();
        emitCurrent(event.personId());
    }

    /** The snooze is over: the tip has no reaction again, so it can be the current one. */
    @EventHandler
    void on(TipResurfacedEvent event) {
        db.update(TIP_FEED)
                .setNull(TIP_FEED.REACTION)
                .setNull(TIP_FEED.REACTED_AT)
                .where(TIP_FEED.TIP_ID.eq(event.tipId().value()))
                .and(TIP_FEED.FINAL.isFalse())
                .execute();
        emitCurrent(event.personId());
    }

    /** An expired tip is closed without a reaction: final, with its reaction column left as it was. */
    @EventHandler
    void on(TipExpiredEvent event) {
        db.update(TIP_FEED)
                .set(TIP_FEED.FINAL, true)
                .where(TIP_FEED.TIP_ID.eq(event.tipId().value()))
                .and(TIP_FEED.FINAL.isFalse())
                .execute();
        emitCurrent(event.personId());
    }

    @ResetHandler
    void reset() {
        db.truncate(TIP_FEED).execute();
        cache.clear();
    }

    /**
     * The newest open tip the person has not reacted to yet; a snoozed tip waits until it comes back,
     * an expired one never does.
     */
    @QueryHandler
    public TipFeedResponse handle(FindCurrentTipQuery query) {
        PersonId person = query.personId();
        Optional<TipFeedResponse> cached = cache.find(person);
        if (cached.isPresent()) {
            return cached.get();
        }
        long epoch = cache.epoch();
        TipFeedResponse read = current(person);
        cache.read(person, read, epoch);
        return read;
    }

    private TipFeedResponse current(PersonId personId) {
        return db.connectionResult(c -> {
            try (PreparedStatement ps = currentTip.prepare(c, Map.of(PERSON, personId.value()));
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return TipFeedResponse.none();
                }
                return new TipFeedResponse(toView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7)));
            }
        });
    }

    /** Tells waiting subscribers and the cache (now, and again once the batch committed). */
    private void emitCurrent(PersonId personId) {
        TipFeedResponse now = current(personId);
        cache.written(personId, now);
        CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> cache.written(personId, now)));
        emitter.emit(FindCurrentTipQuery.class, q -> q.personId().equals(personId), now);
    }

    /** The tip as the feed shows it once issued, before any reaction. */
    static TipView toView(TipIssuedEvent event) {
        return new TipView(event.tipId(), event.text(), event.kind(), event.category(), ViewTime.utc(event.issuedAt()).toInstant(),
                event.decision().policy(), null);
    }

    static TipView toView(TipFeedRecord r) {
        return toView(r.getTipId(), r.getText(), r.getKind(), r.getCategory(), r.getIssuedAt(), r.getPolicy(),
                r.getReaction());
    }

    /** A {@code tip_feed} row as the feed shows it, from its columns. */
    private static TipView toView(UUID tipId, String text, String kind, String category, OffsetDateTime issuedAt,
                                  String policy, String reaction) {
        return new TipView(new TipId(tipId), text, TipKind.fromWireName(kind), category, issuedAt.toInstant(), policy,
                reaction == null ? null : Reaction.fromWireName(reaction));
    }

    /** The person's tips, newest first, with their reactions. */
    @QueryHandler
    public TipHistoryResponse handle(FindTipHistoryQuery query) {
        return new TipHistoryResponse(db.selectFrom(TIP_FEED)
                .where(TIP_FEED.PERSON_ID.eq(query.personId().value()))
                .orderBy(TIP_FEED.ISSUED_AT.desc(), TIP_FEED.TIP_ID)
                .limit(query.limit())
                .fetch(TipFeedProjection::toView));
    }

    @EventHandler
    void on(PersonErasedEvent event) {
        db.deleteFrom(TIP_FEED).where(TIP_FEED.PERSON_ID.eq(event.personId().value())).execute();
        cache.erased(event.personId());
        CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> cache.erased(event.personId())));
    }
}

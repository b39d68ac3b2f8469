package app.oo.sagas.tip;

import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.tip.CandidateFeatures;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.IssueTipCommand;
import app.oo.domain.tip.ShadowChoice;
import app.oo.domain.tip.TipCategory;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipKind;
import app.oo.sagas.ml.Candidate;
import app.oo.sagas.ml.GenerateRequest;
import app.oo.sagas.ml.MlServing;
import app.oo.sagas.ml.RankRequest;
import app.oo.sagas.ml.RankResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The asynchronous work of the tip saga: feature view, then candidates (prepared ahead, or
 * ml/serving generate), rank, then {@link IssueTipCommand}. Nothing here blocks the caller. The first issue of a tip id wins; the
 * loser of a race between the ranked path and the fallback is dropped quietly.
 */
@Component
public class TipPipeline {

    private static final Logger log = LoggerFactory.getLogger(TipPipeline.class);
    /** A safety net over the port's own bound, well inside the tip deadline. */
    private static final Duration TITLES_WAIT = Duration.ofSeconds(1);

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final MlServing ml;
    private final PersonKeys personKeys;
    private final TipSagaProperties settings;
    private final PreparedCandidates prepared;
    private final PreparedCandidatesProperties preparation;
    private final Executor reads;
    private final Clock clock;
    private final TaskTitles taskTitles;

    public TipPipeline(QueryGateway queries, CommandGateway commands, MlServing ml, PersonKeys personKeys,
                       TipSagaProperties settings, PreparedCandidates prepared,
                       PreparedCandidatesProperties preparation,
                       @Qualifier(TipSagaConfiguration.READS) Executor reads, Clock clock, TaskTitles taskTitles) {
        this.queries = queries;
        this.commands = commands;
        this.ml = ml;
        this.personKeys = personKeys;
        this.settings = settings;
        this.prepared = prepared;
        this.preparation = preparation;
        this.reads = reads;
        this.clock = clock;
        this.taskTitles = taskTitles;
    }

    /**
     * Features, then candidates (the person's prepared ones when they fit the features read now,
     * else generated now), then rank, then {@link IssueTipCommand}.
     */
    public CompletableFuture<Void> issueRanked(TipId tipId, PersonId personId) {
        String personKey = personKeys.of(personId);
        AtomicReference<PersonFeatures> read = new AtomicReference<>();
        return features(personId)
                .thenCompose(features -> {
                    read.set(features);
                    return candidates(personId, personKey, features);
                })
                .thenCompose(candidates -> rank(personKey, read.get(), candidates)
                        .thenApply(ranked -> rankedTip(tipId, personId, read.get(), ranked)))
                .thenCompose(commands::send)
                .<Void>thenApply(result -> null)
                .exceptionallyCompose(failure -> {
                    if (isAlreadyIssued(failure)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    log.warn("ranked tip {} failed ({}); issuing the fallback", tipId, rootMessage(failure));
                    PersonFeatures known = read.get();
                    return known != null
                            ? fallback(tipId, personId, CompletableFuture.completedFuture(known), "ranked path failed")
                            : issueFallback(tipId, personId, "ranked path failed");
                });
    }

    public CompletableFuture<Void> issueFallback(TipId tipId, PersonId personId, String why) {
        return fallback(tipId, personId, features(personId), why);
    }

    private CompletableFuture<Void> fallback(TipId tipId, PersonId personId, CompletableFuture<PersonFeatures> read,
                                             String why) {
        return read
                .exceptionally(failure -> new PersonFeatures(personId, Map.of(), clock.instant()))
                .thenComposeAsync(features -> commands.send(fallbackTip(tipId, personId, features)), reads)
                .<Void>thenApply(result -> {
                    log.info("fallback tip {} issued: {}", tipId, why);
                    return null;
                })
                .exceptionally(failure -> {
                    if (!isAlreadyIssued(failure)) {
                        log.error("fallback tip {} could not be issued: {}", tipId, rootMessage(failure));
                    }
                    return null;
                });
    }

    /**
     * Generates the person's next candidates from their features now and keeps them for their
     * next requests. Unless {@code always}, a preparation younger than half its allowed age is kept
     * as it is, without reading the features. Completes with whether candidates were generated; fails when
     * the features or ml/serving failed.
     */
    public CompletableFuture<Boolean> prepare(PersonId personId, boolean always) {
        Instant at = clock.instant();
        String personKey = personKeys.of(personId);
        if (!always && prepared.peek(personId)
                .filter(p -> p.preparedAt().isAfter(at.minus(preparation.maxAge().dividedBy(2)))).isPresent()) {
            // Young: the request that issued the tip has just checked it against the features of
            // that moment, or generated it itself. No second feature read per tip.
            return CompletableFuture.completedFuture(false);
        }
        return features(personId).thenCompose(features -> {
            if (!always && prepared.find(personId, features, at, preparation.maxAge().dividedBy(2)).isPresent()) {
                return CompletableFuture.completedFuture(false);
            }
            return generate(personId, personKey, features).thenApply(candidates -> {
                prepared.put(new PreparedCandidates.Preparation(personId, candidates, features, at));
                return true;
            });
        });
    }

    private CompletableFuture<List<Candidate>> candidates(PersonId personId, String personKey, PersonFeatures features) {
        Optional<PreparedCandidates.Preparation> ready = prepared.find(personId, features, clock.instant(),
                preparation.maxAge());
        prepared.counted(ready.isPresent());
        if (ready.isPresent()) {
            return CompletableFuture.completedFuture(ready.get().candidates());
        }
        log.debug("no fitting preparation for {}: generating on request", personId);
        Instant at = clock.instant();
        return generate(personId, personKey, features).thenApply(generated -> {
            // What fits the person now is their next request's preparation too.
            prepared.put(new PreparedCandidates.Preparation(personId, generated, features, at));
            return generated;
        });
    }

    /** Candidates from ml/serving, with the person's current task titles for this call only. */
    private CompletableFuture<List<Candidate>> generate(PersonId personId, String personKey, PersonFeatures features) {
        return titles(personId)
                .thenCompose(current -> ml.generate(new GenerateRequest(personKey, features.values(), current,
                        settings.maxCandidates())))
                .thenApply(generated -> generated.candidates().stream()
                        .filter(c -> TipCategory.isKnown(c.category()))
                        .toList());
    }

    /** Titles for this generation only; a slow or failing provider means none, never a later tip. */
    private CompletableFuture<List<String>> titles(PersonId personId) {
        try {
            return taskTitles.currentTopTitles(personId)
                    .completeOnTimeout(List.of(), TITLES_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> List.of());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /**
     * The feature view, read on {@code reads}: the query bus runs the query in the calling thread
     * otherwise, and the callers are the saga's processor and the deadline manager, which must move
     * on. The fallback's command is sent from there too, outside the deadline's unit of work.
     */
    private CompletableFuture<PersonFeatures> features(PersonId personId) {
        return CompletableFuture.supplyAsync(() -> queries.query(
                        new FetchPersonFeaturesQuery(personId, clock.instant()), PersonFeatures.class), reads)
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Ranked> rank(String personKey, PersonFeatures features, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("ml/serving proposed no usable candidate"));
        }
        RankRequest request = new RankRequest(UUID.randomUUID(), personKey, features.values(), candidates, false);
        return ml.rank(request).thenApply(response -> new Ranked(request, response));
    }

    private record Ranked(RankRequest request, RankResponse response) {
    }

    private IssueTipCommand rankedTip(TipId tipId, PersonId personId, PersonFeatures features, Ranked ranked) {
        RankResponse r = ranked.response();
        Candidate chosen = ranked.request().candidates().stream()
                .filter(c -> c.id().equals(r.chosenId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("ml/serving chose '" + r.chosenId()
                        + "', which is not among the candidates"));
        ShadowChoice shadow = r.shadow() == null ? null : new ShadowChoice(r.shadow().policy(),
                r.shadow().policyVersion(), r.shadow().chosenId(), r.shadow().propensity());
        List<CandidateFeatures> candidates = ranked.request().candidates().stream()
                .map(c -> new CandidateFeatures(c.id(), TipKind.fromWireName(c.kind()), c.category(), c.features()))
                .toList();
        Decision decision = new Decision(r.decisionId(), r.policy(), r.policyVersion(), r.propensity(),
                r.propensityMethod(), chosen.id(), features.values(), candidates, shadow);
        return new IssueTipCommand(tipId, personId, chosen.text(), TipKind.fromWireName(chosen.kind()),
                chosen.category(), decision, clock.instant());
    }

    private IssueTipCommand fallbackTip(TipId tipId, PersonId personId, PersonFeatures features) {
        FallbackTips.FallbackTip tip = FallbackTips.choose(features);
        String chosenId = "fallback-" + tip.category();
        Decision decision = new Decision(UUID.randomUUID(), Decision.FALLBACK_POLICY, FallbackTips.VERSION, 1.0,
                "exact", chosenId, features.values(),
                List.of(new CandidateFeatures(chosenId, tip.kind(), tip.category(), Map.of())), null);
        return new IssueTipCommand(tipId, personId, tip.text(), tip.kind(), tip.category(), decision, clock.instant());
    }

    /** The other path issued this tip first: the event store refused a second stream for it. */
    static boolean isAlreadyIssued(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}

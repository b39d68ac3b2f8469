package app.oo.sagas.erasure;

import static app.oo.domain.erasure.ErasureStepRecordedEvent.DONE;
import static app.oo.domain.erasure.ErasureStepRecordedEvent.FAILED;
import static app.oo.domain.erasure.ErasureStepRecordedEvent.INCOMPLETE;

import app.oo.domain.erasure.CompleteErasureCommand;
import app.oo.domain.erasure.PurgePersonFromViewsCommand;
import app.oo.domain.erasure.RecordErasureStepCommand;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.RevokeIntegrationCommand;
import app.oo.domain.person.PersonId;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The work of the erasure steps, off the saga's thread: each step runs, then its evidence is
 * recorded on the person ({@link RecordErasureStepCommand}); the saga moves on when that event
 * arrives. A compliance replay runs every step in a row under a fresh run id. Every step is
 * idempotent, so a rerun after a restart, a retry or a replay changes nothing twice.
 */
@Component
public class ErasureStepRunner {

    private static final Logger log = LoggerFactory.getLogger(ErasureStepRunner.class);

    private final CommandGateway commands;
    private final ProviderRevocation revocation;
    private final PersonalDataStores stores;
    private final ErasureSagaProperties settings;
    private final Clock clock;
    private final ExecutorService executor;

    public ErasureStepRunner(CommandGateway commands, ProviderRevocation revocation, PersonalDataStores stores,
                             ErasureSagaProperties settings, Clock clock) {
        this.commands = commands;
        this.revocation = revocation;
        this.stores = stores;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "erasure-steps-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Runs the step, then records its evidence. Never completes exceptionally: a failure is evidence too. */
    public CompletableFuture<StepOutcome> run(ErasureStep step, PersonId personId, UUID erasureId, UUID runId) {
        return execute(step, personId, erasureId)
                .exceptionally(failure -> new StepOutcome(step, FAILED, describe(failure)))
                .thenCompose(outcome -> record(personId, erasureId, runId, step.wireName(), outcome.outcome(),
                        outcome.detail()).thenApply(recorded -> outcome));
    }

    /** Records evidence; a failure to record is logged (the saga's deadline or a replay covers it). */
    public CompletableFuture<Void> record(PersonId personId, UUID erasureId, UUID runId, String step, String outcome,
                                         String detail) {
        return commands.send(new RecordErasureStepCommand(personId, erasureId, runId, step, outcome, detail,
                        clock.instant()))
                .<Void>thenApply(result -> null)
                .exceptionally(failure -> {
                    log.error("evidence of erasure {} step {} ({}) could not be recorded: {}", erasureId, step,
                            outcome, describe(failure));
                    return null;
                });
    }

    /**
     * A compliance replay: every step again, in order, under {@code runId}, then the (idempotent)
     * completion. Re-purges what a restore or a rebuild brought back, re-shreds, re-deletes.
     */
    public CompletableFuture<List<StepOutcome>> replay(PersonId personId, UUID erasureId, UUID runId) {
        List<StepOutcome> outcomes = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ErasureStep step : ErasureStep.values()) {
            chain = chain.thenCompose(previous -> run(step, personId, erasureId, runId)).thenAccept(outcomes::add);
        }
        return chain.thenCompose(done -> commands.send(new CompleteErasureCommand(personId, erasureId,
                        clock.instant())))
                .thenApply(completed -> List.copyOf(outcomes));
    }

    private CompletableFuture<StepOutcome> execute(ErasureStep step, PersonId personId, UUID erasureId) {
        return switch (step) {
            case REVOKE_INTEGRATIONS -> CompletableFuture.supplyAsync(() -> stores.integrationsOf(personId), executor)
                    .thenCompose(this::revokeAll);
            case DELETE_VAULT_TOKENS -> CompletableFuture.supplyAsync(() -> stores.deleteVaultTokens(personId),
                            executor)
                    .thenApply(n -> new StepOutcome(step, DONE, n + " vault " + (n == 1 ? "entry" : "entries")
                            + " deleted"));
            case SHRED_DATA_KEY -> CompletableFuture.supplyAsync(() -> stores.shredDataKey(personId), executor)
                    .thenApply(shredded -> new StepOutcome(step, DONE, shredded ? "data key shredded"
                            : "data key already shredded (tombstone kept)"));
            // The local command bus handles on the sender's thread: hop off the saga's thread first.
            case PURGE_VIEWS -> CompletableFuture.supplyAsync(() -> personId, executor)
                    .thenCompose(p -> commands.<Integer>send(new PurgePersonFromViewsCommand(p, erasureId)))
                    .thenApply(n -> new StepOutcome(step, DONE, (n == null ? 0 : n) + " view rows deleted"));
        };
    }

    private record Revoked(boolean confirmed, String detail) {
    }

    /**
     * Each integration is revoked at its provider (with retries), then revoked here with reason
     * {@code erasure}. A provider that never answers does not hold the erasure up: the grant is
     * revoked here, its token deleted in the next step, and the evidence says {@code incomplete}.
     */
    private CompletableFuture<StepOutcome> revokeAll(List<IntegrationId> integrations) {
        ErasureStep step = ErasureStep.REVOKE_INTEGRATIONS;
        if (integrations.isEmpty()) {
            return CompletableFuture.completedFuture(new StepOutcome(step, DONE, "no integration connected"));
        }
        List<CompletableFuture<Revoked>> each = integrations.stream()
                .map(id -> revokeAtProvider(id, 1)
                        .thenApply(detail -> new Revoked(true, id.provider() + ": " + detail))
                        .exceptionally(failure -> new Revoked(false, id.provider() + ": not confirmed by the provider ("
                                + describe(failure) + ")"))
                        .thenCompose(revoked -> commands.send(new RevokeIntegrationCommand(id,
                                        RevokeIntegrationCommand.ERASURE, clock.instant()))
                                .thenApply(result -> revoked)))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(all -> {
            List<Revoked> results = each.stream().map(CompletableFuture::join).toList();
            boolean confirmed = results.stream().allMatch(Revoked::confirmed);
            String detail = String.join("; ", results.stream().map(Revoked::detail).toList());
            return new StepOutcome(step, confirmed ? DONE : INCOMPLETE, detail);
        });
    }

    private CompletableFuture<String> revokeAtProvider(IntegrationId id, int attempt) {
        CompletableFuture<String> call;
        try {
            call = revocation.revoke(id);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.exceptionallyCompose(failure -> {
            if (attempt >= settings.revocationAttempts()) {
                return CompletableFuture.failedFuture(failure);
            }
            long pause = settings.revocationBackoff().toMillis() << (attempt - 1);
            return CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, executor))
                    .thenCompose(waited -> revokeAtProvider(id, attempt + 1));
        });
    }

    static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return message.length() > 240 ? message.substring(0, 240) : message;
    }
}

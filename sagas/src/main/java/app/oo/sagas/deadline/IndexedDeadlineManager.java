package app.oo.sagas.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ExecutionException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory deadlines, as Axon's {@code SimpleDeadlineManager}, indexed by name and id and by scope.
 * Axon's scans every pending deadline on each cancel; every issued tip holds an expiry deadline
 * for hours, so each tip saga's end and each reaction scanned all the tips of the last hours: the
 * benchmark found a sixth of the app's CPU there after a few thousand tips (docs/benchmarks.md).
 * Here a cancel is a map lookup. A deadline fires as in Axon: in a unit of work with a
 * transaction, through the handler interceptors, to every scope that resolves its descriptor.
 */
public final class IndexedDeadlineManager extends AbstractDeadlineManager implements Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexedDeadlineManager.class);

    private record Key(String name, String id) {
    }

    private record Pending(ScopeDescriptor scope, ScheduledFuture<?> future) {
    }

    private final ScopeAwareProvider scopes;
    private final TransactionManager transactions;
    private final ScheduledExecutorService executor;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final Map<ScopeDescriptor, Set<Key>> byScope = new ConcurrentHashMap<>();

    public IndexedDeadlineManager(ScopeAwareProvider scopes, TransactionManager transactions,
                                  ScheduledExecutorService executor) {
        this.scopes = scopes;
        this.transactions = transactions;
        this.executor = executor;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        DeadlineMessage<?> message = GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload,
                triggerDateTime);
        Key key = new Key(deadlineName, message.getIdentifier());
        runOnPrepareCommitOrNow(() -> {
            DeadlineMessage<?> intercepted = processDispatchInterceptors(message);
            long delay = Math.max(0, Duration.between(Instant.now(), triggerDateTime).toMillis());
            synchronized (this) {
                ScheduledFuture<?> future = executor.schedule(() -> fire(key, deadlineScope, intercepted), delay,
                        TimeUnit.MILLISECONDS);
                pending.put(key, new Pending(deadlineScope, future));
                byScope.computeIfAbsent(deadlineScope, s -> ConcurrentHashMap.newKeySet()).add(key);
            }
        });
        return key.id();
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> cancel(new Key(deadlineName, scheduleId)));
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> pending.keySet().stream()
                .filter(key -> key.name().equals(deadlineName))
                .forEach(this::cancel));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        runOnPrepareCommitOrNow(() -> {
            Set<Key> keys = byScope.get(scope);
            if (keys != null) {
                keys.stream().filter(key -> key.name().equals(deadlineName)).toList().forEach(this::cancel);
            }
        });
    }

    /** Deadlines scheduled and neither fired nor cancelled yet. */
    public int pendingCount() {
        return pending.size();
    }

    private void cancel(Key key) {
        Pending removed = forget(key);
        if (removed != null) {
            removed.future().cancel(false);
        }
    }

    private synchronized Pending forget(Key key) {
        Pending removed = pending.remove(key);
        if (removed != null) {
            byScope.computeIfPresent(removed.scope(), (scope, keys) -> {
                keys.remove(key);
                return keys.isEmpty() ? null : keys;
            });
        }
        return removed;
    }

    private void fire(Key key, ScopeDescriptor scope, DeadlineMessage<?> scheduled) {
        try {
            DeadlineMessage<?> message = new GenericDeadlineMessage<>(key.name(), scheduled,
                    () -> GenericEventMessage.clock.instant());
            UnitOfWork<DeadlineMessage<?>> unitOfWork = new DefaultUnitOfWork<>(message);
            unitOfWork.attachTransaction(transactions);
            InterceptorChain chain = new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors(), deadline -> {
                deliver(deadline, scope);
                return null;
            });
            ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed);
            if (result.isExceptional()) {
                log.error("deadline {} ({}) failed", key.name(), key.id(), result.exceptionResult());
            }
        } catch (RuntimeException e) {
            log.error("deadline {} ({}) failed", key.name(), key.id(), e);
        } finally {
            forget(key);
        }
    }

    private void deliver(DeadlineMessage<?> message, ScopeDescriptor scope) {
        scopes.provideScopeAwareStream(scope)
                .filter(component -> component.canResolve(scope))
                .forEach(component -> {
                    try {
                        component.send(message, scope);
                    } catch (Exception e) {
                        throw new ExecutionException("failed to send deadline " + message.getDeadlineName() + " to "
                                + scope.scopeDescription(), e);
                    }
                });
    }

    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS, this::shutdown);
    }

    @Override
    public void shutdown() {
        executor.shutdown();
    }
}

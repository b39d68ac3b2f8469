package app.oo.query.platform;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each event handler of a live projection inside a savepoint of the processor batch's
 * transaction. PostgreSQL aborts a whole transaction at its first failing statement: without the
 * savepoint, a poison event would take the batch (and the dead-letter entry written for it) down
 * with it, and the processor would retry the same batch forever. With it, the failed handler's
 * writes are undone alone, Axon's dead-lettering invoker enqueues the event, and the batch
 * commits the other events.
 *
 * <p>Only units of work marked by {@link #marker()} (the live processors' interceptor, which Axon
 * also applies when it retries dead letters) pay for the two extra statements; a rebuild's
 * processor has no dead-letter queue and fails as a whole instead. Handlers of a projection marked
 * {@link DeferredWrites} get one only when their writes run at once, and a {@link SelectiveWrites}
 * projection only for the events it writes for.
 */
@Component
public class HandlerSavepoints implements HandlerEnhancerDefinition {

    private static final String MARK = HandlerSavepoints.class.getName();
    private static final MessageHandlerInterceptor<EventMessage<?>> MARKER = HandlerSavepoints::mark;

    private final ObjectProvider<PlatformTransactionManager> transactions;
    private final ObjectProvider<BatchedWrites> batchedWrites;
    private volatile TransactionTemplate nested;

    public HandlerSavepoints(ObjectProvider<PlatformTransactionManager> transactions,
                             ObjectProvider<BatchedWrites> batchedWrites) {
        this.transactions = transactions;
        this.batchedWrites = batchedWrites;
    }

    /** The interceptor that asks for savepoints in the units of work it sees. */
    public static MessageHandlerInterceptor<EventMessage<?>> marker() {
        return MARKER;
    }

    private static Object mark(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        unitOfWork.resources().put(MARK, Boolean.TRUE);
        return chain.proceed();
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        boolean deferred = original.declaringClass().isAnnotationPresent(DeferredWrites.class);
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!wanted() || deferred && !batchedWrites.getObject().writesDirectlyNow()
                        || target instanceof SelectiveWrites selective && !selective.writesFor(message.getPayload())) {
                    return super.handle(message, target);
                }
                return inSavepoint(() -> super.handle(message, target));
            }
        };
    }

    private static boolean wanted() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getResource(MARK) != null
                && TransactionSynchronizationManager.isActualTransactionActive();
    }

    @FunctionalInterface
    private interface Handler {
        Object handle() throws Exception;
    }

    private Object inSavepoint(Handler handler) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        template().executeWithoutResult(status -> {
            try {
                result[0] = handler.handle();
            } catch (Exception e) {
                failure[0] = e;
                status.setRollbackOnly();
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private TransactionTemplate template() {
        TransactionTemplate template = nested;
        if (template == null) {
            template = new TransactionTemplate(transactions.getObject());
            template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
            nested = template;
        }
        return template;
    }
}

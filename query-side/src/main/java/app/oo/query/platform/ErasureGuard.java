package app.oo.query.platform;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.person.PersonId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Runs before every projection handler. A {@link PersonErasedEvent} records the tombstone, then
 * reaches the handlers, which delete the person's rows. An event whose data subject is erased is
 * dropped: a tip issued after the erasure, or a replay of the person's old events (whose personal
 * fields the serializer can no longer decrypt), writes nothing.
 */
@Component
public class ErasureGuard implements MessageHandlerInterceptor<EventMessage<?>> {

    private final ErasedPersons erased;

    public ErasureGuard(ErasedPersons erased) {
        this.erased = erased;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        return admits(unitOfWork.getMessage().getPayload()) ? chain.proceed() : null;
    }

    /**
     * Whether a projection may handle the payload: false when its data subject is erased. An
     * erasure records the tombstone (in the caller's transaction) and is admitted. Also used by
     * rebuilds that read the store directly, so one rule decides in both paths.
     */
    public boolean admits(Object payload) {
        if (payload instanceof PersonErasedEvent erasure) {
            erased.add(erasure.personId(), erasure.at());
            return true;
        }
        PersonId subject = DataSubjects.subjectOf(payload);
        return subject == null || !erased.contains(subject);
    }
}

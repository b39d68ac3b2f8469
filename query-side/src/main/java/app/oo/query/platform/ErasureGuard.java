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
        Object payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof PersonErasedEvent erasure) {
            erased.add(erasure.personId(), erasure.at());
            return chain.proceed();
        }
        PersonId subject = DataSubjects.subjectOf(payload);
        if (subject != null && erased.contains(subject)) {
            return null;
        }
        return chain.proceed();
    }
}

package app.oo.query.platform;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/** Finds the person an event is about from its record components. */
final class DataSubjects {

    /** The component marked {@link DataSubject}: whose personal data the event carries. */
    private static final ClassValue<Optional<Method>> SUBJECT = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return personComponents(type).filter(c -> c.isAnnotationPresent(DataSubject.class))
                    .map(RecordComponent::getAccessor).findFirst();
        }
    };

    /** The subject, else the first {@link PersonId} component (events about a person without personal data). */
    private static final ClassValue<Optional<Method>> PERSON = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return personComponents(type)
                    .sorted(Comparator.comparing(c -> c.isAnnotationPresent(DataSubject.class) ? 0 : 1))
                    .map(RecordComponent::getAccessor).findFirst();
        }
    };

    private DataSubjects() {
    }

    /** The data subject of the payload, or null when it carries no personal data. */
    static PersonId subjectOf(Object payload) {
        return payload == null ? null : read(SUBJECT.get(payload.getClass()), payload);
    }

    /** The person the payload is about, or null when it names none. */
    static PersonId personOf(Object payload) {
        return payload == null ? null : read(PERSON.get(payload.getClass()), payload);
    }

    /**
     * The serialized name of the component {@link #personOf} reads, for a payload type name; empty
     * when the type names no person or is not on the class path.
     */
    static Optional<String> personFieldOf(String payloadType) {
        try {
            Class<?> type = Class.forName(payloadType, false, DataSubjects.class.getClassLoader());
            return PERSON.get(type).map(Method::getName); // a record's accessor is named as its component
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static java.util.stream.Stream<RecordComponent> personComponents(Class<?> type) {
        if (!type.isRecord()) {
            return java.util.stream.Stream.empty();
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getType() == PersonId.class);
    }

    private static PersonId read(Optional<Method> accessor, Object payload) {
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            return (PersonId) accessor.get().invoke(payload);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read the person of " + payload.getClass().getName(), e);
        }
    }
}

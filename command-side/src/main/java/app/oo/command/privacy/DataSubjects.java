package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.UUID;

/** Finds the {@link DataSubject} of a message: a record component, or a field for other classes (snapshots). */
final class DataSubjects {

    private static final ClassValue<Optional<AccessibleObject>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Optional<AccessibleObject> computeValue(Class<?> type) {
            return find(type);
        }
    };

    private DataSubjects() {
    }

    static boolean hasSubject(Class<?> type) {
        return ACCESSORS.get(type).isPresent();
    }

    /** @return the subject, null when the message names none or its subject component is null */
    static PersonId of(Object message) {
        Optional<AccessibleObject> accessor = ACCESSORS.get(message.getClass());
        if (accessor.isEmpty()) {
            return null;
        }
        Object value;
        try {
            value = accessor.get() instanceof Method m ? m.invoke(message) : ((Field) accessor.get()).get(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the @DataSubject of " + message.getClass().getName(), e);
        }
        if (value == null || value instanceof PersonId) {
            return (PersonId) value;
        }
        if (value instanceof UUID uuid) {
            return new PersonId(uuid);
        }
        if (value instanceof String s) {
            return PersonId.of(s);
        }
        throw new IllegalStateException("the @DataSubject of " + message.getClass().getName()
                + " is a PersonId, UUID or String, was a " + value.getClass().getName());
    }

    private static Optional<AccessibleObject> find(Class<?> type) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(DataSubject.class)) {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    return Optional.of(accessor);
                }
            }
            return Optional.empty();
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(DataSubject.class)) {
                    field.setAccessible(true);
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }
}

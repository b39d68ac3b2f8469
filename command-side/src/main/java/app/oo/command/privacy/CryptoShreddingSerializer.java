package app.oo.command.privacy;

import app.oo.domain.person.PersonId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.time.Instant;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event (and snapshot) serializer: Axon's {@link JacksonSerializer}, with every
 * {@code @PersonalData} field sealed under the key of the message's {@code @DataSubject} on the way
 * in, and opened (or redacted, once the key is shredded) on the way out. Type names, revisions,
 * converters and upcasting stay the delegate's, so the stored shape is plain Axon JSON with some
 * string values sealed.
 */
public final class CryptoShreddingSerializer implements Serializer {

    private final JacksonSerializer delegate;
    private final ObjectWriter writer;
    private final DataKeys keys;

    private CryptoShreddingSerializer(JacksonSerializer delegate, DataKeys keys) {
        this.delegate = delegate;
        this.writer = delegate.getObjectMapper().writer();
        this.keys = keys;
    }

    /** @param objectMapper copied, never changed: the HTTP side keeps its own mapper as it is */
    public static CryptoShreddingSerializer create(ObjectMapper objectMapper, RevisionResolver revisionResolver,
                                                   ClassLoader classLoader, DataKeys keys) {
        ObjectMapper mapper = objectMapper.copy()
                .registerModule(new SimpleModule("oo-instants").addDeserializer(Instant.class,
                        new IsoInstantDeserializer()))
                .registerModule(new PersonalDataModule(new PersonalDataCipher(keys)));
        JacksonSerializer jackson = JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(revisionResolver)
                .classLoader(classLoader)
                .converter(new ChainingConverter(classLoader))
                .build();
        return new CryptoShreddingSerializer(jackson, keys);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !DataSubjects.hasSubject(object.getClass())) {
            return delegate.serialize(object, expectedRepresentation);
        }
        PersonId subject = DataSubjects.of(object);
        byte[] json;
        try {
            json = writer.withAttribute(SubjectKey.ATTRIBUTE, new SubjectKey(subject, keys)).writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            // Jackson's message names the type and path only, never a value.
            throw new SerializationException("cannot serialize a " + object.getClass().getName(), e);
        }
        SerializedObject<byte[]> serialized = new SimpleSerializedObject<>(json, byte[].class,
                typeForClass(object.getClass()));
        return delegate.getConverter().convert(serialized, expectedRepresentation);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(serializedObject);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}

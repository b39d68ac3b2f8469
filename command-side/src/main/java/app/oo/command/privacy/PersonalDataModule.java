package app.oo.command.privacy;

import app.oo.domain.privacy.PersonalData;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Gives every member marked {@link PersonalData} (record components included, at any depth: inside
 * payload records, lists and maps) a serializer that seals its JSON with the data subject's key and a
 * deserializer that opens it again, or yields a redacted value when the key is gone.
 */
final class PersonalDataModule extends SimpleModule {

    private final PersonalDataCipher cipher;

    PersonalDataModule(PersonalDataCipher cipher) {
        super("oo-personal-data", Version.unknownVersion());
        this.cipher = cipher;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        JsonFactory factory = context.<ObjectCodec>getOwner().getFactory();
        context.insertAnnotationIntrospector(new Introspector(cipher, factory));
    }

    private static final class Introspector extends NopAnnotationIntrospector {

        private final PersonalDataCipher cipher;
        private final JsonFactory factory;

        Introspector(PersonalDataCipher cipher, JsonFactory factory) {
            this.cipher = cipher;
            this.factory = factory;
        }

        @Override
        public Object findSerializer(Annotated member) {
            return member.hasAnnotation(PersonalData.class) ? new SealingSerializer(cipher, factory) : null;
        }

        @Override
        public Object findDeserializer(Annotated member) {
            return member.hasAnnotation(PersonalData.class) ? new OpeningDeserializer(cipher, factory, null, null) : null;
        }
    }

    private static final class SealingSerializer extends StdSerializer<Object> {

        private final transient PersonalDataCipher cipher;
        private final transient JsonFactory factory;

        SealingSerializer(PersonalDataCipher cipher, JsonFactory factory) {
            super(Object.class);
            this.cipher = cipher;
            this.factory = factory;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(value, gen, provider, null);
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer typeSer) throws IOException {
            write(value, gen, provider, typeSer);
        }

        private void write(Object value, JsonGenerator gen, SerializerProvider provider, TypeSerializer typeSer)
                throws IOException {
            SubjectKey subject = (SubjectKey) provider.getAttribute(SubjectKey.ATTRIBUTE);
            if (subject == null) {
                throw JsonMappingException.from(gen, "a @PersonalData value in a message without a @DataSubject: "
                        + "refusing to store it unencrypted");
            }
            Optional<DataKey> key = subject.key();
            if (key.isEmpty()) {
                if (value instanceof CharSequence) {
                    gen.writeString(PersonalDataCipher.REDACTED);
                } else {
                    gen.writeNull();
                }
                return;
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            try (JsonGenerator inner = factory.createGenerator(json)) {
                JsonSerializer<Object> serializer = provider.findValueSerializer(value.getClass());
                if (typeSer == null) {
                    serializer.serialize(value, inner, provider);
                } else {
                    serializer.serializeWithType(value, inner, provider, typeSer);
                }
            }
            gen.writeString(cipher.seal(key.get(), json.toByteArray()));
        }
    }

    private static final class OpeningDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

        private final transient PersonalDataCipher cipher;
        private final transient JsonFactory factory;
        private final JavaType type;
        private final transient JsonDeserializer<Object> delegate;

        OpeningDeserializer(PersonalDataCipher cipher, JsonFactory factory, JavaType type,
                            JsonDeserializer<Object> delegate) {
            super(Object.class);
            this.cipher = cipher;
            this.factory = factory;
            this.type = type;
            this.delegate = delegate;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
                throws JsonMappingException {
            JavaType contextual = property != null ? property.getType() : ctxt.getContextualType();
            return new OpeningDeserializer(cipher, factory, contextual,
                    ctxt.findContextualValueDeserializer(contextual, property));
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read(p, ctxt, null);
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
                throws IOException {
            return read(p, ctxt, typeDeserializer);
        }

        /** A value that is not sealed was written before encryption existed: read as it is. */
        private Object read(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
                throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING || !PersonalDataCipher.isSealed(p.getText())) {
                return typeDeserializer == null ? delegate.deserialize(p, ctxt)
                        : delegate.deserializeWithType(p, ctxt, typeDeserializer);
            }
            Optional<byte[]> json = cipher.open(p.getText());
            if (json.isEmpty()) {
                return redacted(ctxt);
            }
            try (JsonParser inner = factory.createParser(json.get())) {
                inner.nextToken();
                return typeDeserializer == null ? delegate.deserialize(inner, ctxt)
                        : delegate.deserializeWithType(inner, ctxt, typeDeserializer);
            }
        }

        /** Strings read as {@value PersonalDataCipher#REDACTED}, containers as empty, anything else as null. */
        private Object redacted(DeserializationContext ctxt) throws JsonMappingException {
            Class<?> raw = type.getRawClass();
            if (raw == String.class || raw == CharSequence.class) {
                return PersonalDataCipher.REDACTED;
            }
            if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class) {
                return delegate.getEmptyValue(ctxt);
            }
            return delegate.getNullValue(ctxt);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return delegate == null ? null : delegate.getNullValue(ctxt);
        }
    }
}

package app.oo.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.person.PersonId;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingPreferencesSetEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.Test;

/** Timing preferences tell where a person lives and when they sleep: sealed, and unreadable once shredded. */
class TimingPreferencesSealingTest {

    final PersonId ada = PersonId.of("00000000-0000-0000-0000-00000000000a");
    final InMemoryDataKeys keys = new InMemoryDataKeys();
    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    final CryptoShreddingSerializer serializer = CryptoShreddingSerializer.create(mapper,
            new AnnotationRevisionResolver(), getClass().getClassLoader(), keys);
    final TimingPreferencesSetEvent event = new TimingPreferencesSetEvent(ada,
            TimingPreferences.defaults("Pacific/Chatham"), Instant.parse("2026-11-25T08:00:00Z"));

    @Test
    void sealsTheWholePreferencesAndOpensThemAgain() {
        SerializedObject<String> stored = serializer.serialize(event, String.class);

        assertThat(stored.getData()).doesNotContain("Chatham").doesNotContain("22:00").contains("oo:enc:v1:");
        assertThat((TimingPreferencesSetEvent) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void readsNoPreferencesOnceTheKeyIsShredded() {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        keys.shred(ada);

        TimingPreferencesSetEvent read = serializer.deserialize(stored);
        assertThat(read.preferences()).isNull();
        assertThat(read.personId()).isEqualTo(ada);
    }
}

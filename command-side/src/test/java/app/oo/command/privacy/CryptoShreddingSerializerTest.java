package app.oo.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.domain.consent.ConsentGrantedEvent;
import app.oo.domain.consent.ConsentTopic;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonRegisteredEvent;
import app.oo.domain.privacy.DataSubject;
import app.oo.domain.privacy.PersonalData;
import app.oo.domain.signal.HabitPayload;
import app.oo.domain.signal.MoodPayload;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.SignalPayload;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.signal.SignalSource;
import app.oo.domain.signal.TaskPayload;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.TipCategory;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipKind;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

class CryptoShreddingSerializerTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Pattern SEALED = Pattern.compile("oo:enc:v1:([0-9a-f-]{36}):([A-Za-z0-9+/=]+)");

    final PersonId ada = PersonId.of("00000000-0000-0000-0000-00000000000a");
    final PersonId grace = PersonId.of("00000000-0000-0000-0000-00000000000b");
    final InMemoryDataKeys keys = new InMemoryDataKeys();
    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    final CryptoShreddingSerializer serializer = CryptoShreddingSerializer.create(mapper,
            new AnnotationRevisionResolver(), getClass().getClassLoader(), keys);

    /** Personal values nested in records, lists and maps, and a personal value that is not a string. */
    record Diary(@DataSubject PersonId personId, List<Entry> entries, Map<String, Entry> byDay,
                 @PersonalData List<String> tags, @PersonalData Integer luckyNumber, int pages) {
    }

    record Entry(@PersonalData String text, int mood) {
    }

    record Orphan(@PersonalData String text) {
    }

    SignalRecordedEvent signal(PersonId personId, SignalPayload payload) {
        String type = payload.source() == SignalSource.TASKS ? "overdue" : "checkin";
        return new SignalRecordedEvent(personId, SignalId.random(), payload.source(), type, T0, payload, "client-1",
                T0.plusSeconds(1));
    }

    String stored(Object event) {
        return serializer.serialize(event, String.class).getData();
    }

    <T> T roundTrip(T event) {
        SerializedObject<byte[]> bytes = serializer.serialize(event, byte[].class);
        return serializer.deserialize(bytes);
    }

    @Test
    void roundTripsEveryEventWithPersonalFields() {
        List<Object> events = List.of(
                signal(ada, new MoodPayload(2, "argued with Bob")),
                signal(ada, new HabitPayload("evening run", 12)),
                signal(ada, new TaskPayload("t-1", LocalDate.parse("2026-11-20"), "Divorce papers")),
                new PersonRegisteredEvent(ada, "Ada Lovelace", T0),
                new TipIssuedEvent(TipId.random(), ada, "Call Bob back", TipKind.TODO, TipCategory.FOCUS,
                        new Decision(UUID.randomUUID(), "linucb", "1", 0.4, "exact", "c1", Map.of(), List.of(), null),
                        T0));
        for (Object event : events) {
            assertThat(roundTrip(event)).isEqualTo(event);
        }
    }

    @Test
    void storesNoPersonalValueInPlainText() {
        String json = stored(signal(ada, new MoodPayload(2, "marker-7f3a argued with Bob")))
                + stored(signal(ada, new HabitPayload("marker-7f3a run", 12)))
                + stored(new PersonRegisteredEvent(ada, "marker-7f3a Ada", T0));

        assertThat(json).doesNotContain("marker-7f3a").doesNotContain("Bob").contains("oo:enc:v1:");
    }

    @Test
    void leavesFieldsThatAreNotPersonalReadable() throws Exception {
        JsonNode json = mapper.readTree(stored(signal(ada, new MoodPayload(2, "tired"))));

        assertThat(json.path("personId").asText()).isEqualTo(ada.toString());
        assertThat(json.path("source").asText()).isEqualTo("mood");
        assertThat(json.path("payload").path("@source").asText()).isEqualTo("mood");
        assertThat(json.path("payload").path("score").asInt()).isEqualTo(2);
        assertThat(json.path("payload").path("note").asText()).startsWith("oo:enc:v1:");
    }

    @Test
    void sealsPersonalValuesNestedInRecordsListsAndMaps() {
        Diary diary = new Diary(ada, List.of(new Entry("marker-list", 3)), Map.of("mon", new Entry("marker-map", 4)),
                List.of("marker-tag"), 7, 120);

        String json = stored(diary);

        assertThat(json).doesNotContain("marker-").contains("\"pages\":120").contains("\"mood\":3");
        assertThat(SEALED.matcher(json).results().count()).isEqualTo(4);
        assertThat(roundTrip(diary)).isEqualTo(diary);
    }

    @Test
    void sealsWithTheDataSubjectsOwnKey() {
        Matcher adas = SEALED.matcher(stored(signal(ada, new MoodPayload(2, "a"))));
        Matcher graces = SEALED.matcher(stored(signal(grace, new MoodPayload(2, "a"))));

        assertThat(adas.find()).isTrue();
        assertThat(graces.find()).isTrue();
        assertThat(adas.group(1)).isEqualTo(keys.forSubject(ada).orElseThrow().keyId().toString());
        assertThat(graces.group(1)).isEqualTo(keys.forSubject(grace).orElseThrow().keyId().toString());
    }

    @Test
    void usesAFreshNonceForEveryEncryption() {
        SignalRecordedEvent event = signal(ada, new MoodPayload(2, "same note every time"));
        Set<String> nonces = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Matcher sealed = SEALED.matcher(stored(event));
            assertThat(sealed.find()).isTrue();
            byte[] bytes = Base64.getDecoder().decode(sealed.group(2));
            nonces.add(Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, AesGcm.NONCE_BYTES)));
            ciphertexts.add(sealed.group(2));
        }
        assertThat(nonces).hasSize(1000);
        assertThat(ciphertexts).hasSize(1000);
    }

    @Test
    void redactsPersonalValuesOnceTheKeyIsShredded() {
        SerializedObject<byte[]> signal = serializer.serialize(signal(ada, new MoodPayload(2, "argued with Bob")),
                byte[].class);
        SerializedObject<byte[]> habit = serializer.serialize(signal(ada, new HabitPayload("evening run", 12)),
                byte[].class);
        SerializedObject<byte[]> diary = serializer.serialize(new Diary(ada, List.of(new Entry("x", 3)),
                Map.of("mon", new Entry("y", 4)), List.of("z"), 7, 120), byte[].class);

        keys.shred(ada);

        SignalRecordedEvent mood = serializer.deserialize(signal);
        assertThat(mood.payload()).isEqualTo(new MoodPayload(2, PersonalDataCipher.REDACTED));
        assertThat(mood.personId()).isEqualTo(ada);
        assertThat(((SignalRecordedEvent) serializer.deserialize(habit)).payload())
                .isEqualTo(new HabitPayload(PersonalDataCipher.REDACTED, 12));
        assertThat((Diary) serializer.deserialize(diary)).isEqualTo(new Diary(ada,
                List.of(new Entry(PersonalDataCipher.REDACTED, 3)), Map.of("mon", new Entry(PersonalDataCipher.REDACTED, 4)),
                List.of(), null, 120));
    }

    @Test
    void shreddingOnePersonLeavesAnotherReadable() {
        SerializedObject<byte[]> graces = serializer.serialize(signal(grace, new MoodPayload(4, "fine")), byte[].class);

        keys.shred(ada);

        assertThat(((SignalRecordedEvent) serializer.deserialize(graces)).payload()).isEqualTo(new MoodPayload(4, "fine"));
    }

    @Test
    void writesPersonalValuesOfAShreddedPersonRedacted() {
        keys.shred(ada);

        String json = stored(signal(ada, new MoodPayload(2, "late event")));

        assertThat(json).doesNotContain("late event").doesNotContain("oo:enc:v1:").contains(PersonalDataCipher.REDACTED);
    }

    @Test
    void looksTheKeyUpOnlyWhenThereIsAPersonalValue() {
        stored(signal(ada, new MoodPayload(3, null)));
        stored(new ConsentGrantedEvent(ada, ConsentTopic.MOOD, "web", "1", T0));

        assertThat(keys.lookups).isZero();
    }

    @Test
    void readsEventsStoredInPlainTextBeforeEncryptionExisted() {
        ObjectMapper plain = mapper.copy();
        SignalRecordedEvent event = signal(ada, new MoodPayload(2, "old note"));
        byte[] legacy = plain.valueToTree(event).toString().getBytes(StandardCharsets.UTF_8);

        Object read = serializer.deserialize(new SimpleSerializedObject<>(legacy,
                byte[].class, serializer.typeForClass(SignalRecordedEvent.class)));

        assertThat(read).isEqualTo(event);
    }

    @Test
    void refusesPersonalDataWithoutADataSubject() {
        assertThatThrownBy(() -> serializer.serialize(new Orphan("no owner"), byte[].class))
                .isInstanceOf(SerializationException.class)
                .hasStackTraceContaining("without a @DataSubject");
    }

    @Test
    void refusesATamperedCiphertext() throws Exception {
        JsonNode json = mapper.readTree(stored(signal(ada, new MoodPayload(2, "genuine"))));
        String sealed = json.path("payload").path("note").asText();
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        bytes[bytes.length - 1] ^= 1;
        ((ObjectNode) json.path("payload")).put("note",
                sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(
                mapper.writeValueAsBytes(json), byte[].class, serializer.typeForClass(SignalRecordedEvent.class))))
                .hasRootCauseInstanceOf(AesGcm.TamperedCiphertextException.class);
    }

    @Test
    void serializesMessagesWithoutDataSubjectThroughPlainJackson() {
        MetaData metaData = MetaData.with("traceId", "abc");

        assertThat((MetaData) serializer.deserialize(serializer.serialize(metaData, byte[].class))).isEqualTo(metaData);
    }

    @Test
    void hidesKeyMaterialFromToString() {
        DataKey key = keys.forSubject(ada).orElseThrow();

        assertThat(key.toString()).doesNotContain(Base64.getEncoder().encodeToString(key.key().getEncoded()))
                .contains("(secret)");
        assertThat(List.of(key).toString()).contains("(secret)");
    }
}

package app.oo.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fast instant reader agrees with {@link Instant#parse} and leaves everything else to Jackson's. */
class IsoInstantDeserializerTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstantDeserializer()));

    @Test
    void readsEveryPrecisionInstantToStringWrites() {
        for (String text : new String[]{"2026-11-25T08:00:00Z", "2026-11-25T08:00:00.1Z", "2026-11-25T08:00:00.120Z",
                "2026-11-25T08:00:00.123456Z", "2026-11-25T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
                "0001-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z"}) {
            assertThat(IsoInstantDeserializer.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesOtherShapesToJacksonsReader() throws Exception {
        assertThat(IsoInstantDeserializer.parse("2026-11-25T08:00:00+01:00")).isNull();
        assertThat(IsoInstantDeserializer.parse("2026-02-30T08:00:00Z")).isNull();
        assertThat(IsoInstantDeserializer.parse("2026-11-25T08:00:00.1234567890Z")).isNull();
        assertThat(IsoInstantDeserializer.parse("+12026-11-25T08:00:00Z")).isNull();

        assertThat(mapper.readValue("\"2026-11-25T09:00:00+01:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(mapper.readValue("1764057600.5", Instant.class))
                .isEqualTo(Instant.ofEpochSecond(1764057600, 500_000_000));
        assertThat(mapper.readValue("\"2026-11-25T08:00:00.25Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00.25Z"));
        assertThatThrownBy(() -> mapper.readValue("\"2026-02-30T08:00:00Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}

package app.oo.web.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingTrigger;
import app.oo.web.problem.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimingPreferencesParserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALID = """
            {"timeZone":"America/New_York","quietStart":"23:30","quietEnd":"06:15","dailyCap":4,
             "morningAt":"07:05","triggers":["busy-block-end","morning"],"minGapMinutes":45}""";

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static String fieldOf(String body) {
        try {
            TimingPreferencesParser.parse(json(body));
        } catch (InvalidRequestException e) {
            return e.field();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void readsEveryField() throws Exception {
        assertThat(TimingPreferencesParser.parse(json(VALID))).isEqualTo(new TimingPreferences("America/New_York",
                LocalTime.of(23, 30), LocalTime.of(6, 15), 4, LocalTime.of(7, 5),
                Set.of(TimingTrigger.BUSY_BLOCK_END, TimingTrigger.MORNING), Duration.ofMinutes(45)));
    }

    @Test
    void noTriggersAtAllIsAllowed() throws Exception {
        assertThat(TimingPreferencesParser.parse(json(VALID.replace("\"busy-block-end\",\"morning\"", "")))
                .triggers()).isEmpty();
    }

    @Test
    void namesTheFieldAtFault() {
        assertThat(fieldOf(VALID.replace("America/New_York", "EST5EDT-ish"))).isEqualTo("timeZone");
        assertThat(fieldOf(VALID.replace("\"America/New_York\"", "42"))).isEqualTo("timeZone");
        assertThat(fieldOf(VALID.replace("23:30", "23:60"))).isEqualTo("quietStart");
        assertThat(fieldOf(VALID.replace("06:15", "6:15"))).isEqualTo("quietEnd");
        assertThat(fieldOf(VALID.replace("07:05", "07:05:00"))).isEqualTo("morningAt");
        assertThat(fieldOf(VALID.replace("\"dailyCap\":4", "\"dailyCap\":25"))).isEqualTo("dailyCap");
        assertThat(fieldOf(VALID.replace("\"dailyCap\":4", "\"dailyCap\":2.5"))).isEqualTo("dailyCap");
        assertThat(fieldOf(VALID.replace("\"minGapMinutes\":45", "\"minGapMinutes\":1441"))).isEqualTo("minGapMinutes");
        assertThat(fieldOf(VALID.replace("\"morning\"]", "\"noon\"]"))).isEqualTo("triggers[1]");
        assertThat(fieldOf(VALID.replace("[\"busy-block-end\",\"morning\"]", "\"morning\""))).isEqualTo("triggers");
        assertThat(fieldOf(VALID.replace("\"dailyCap\":4,", ""))).isEqualTo("dailyCap");
        assertThat(fieldOf(VALID.replace("{", "{\"color\":\"red\","))).isEqualTo("color");
        assertThat(fieldOf("[1,2]")).isEqualTo("body");
    }

    @Test
    void theDomainRefusesWhatTheParserWouldLetThrough() {
        assertThatThrownBy(() -> new TimingPreferences("Europe/Paris", LocalTime.NOON, LocalTime.NOON, -1,
                LocalTime.NOON, Set.of(), Duration.ZERO)).hasMessageStartingWith("dailyCap");
    }
}

package app.oo.sagas.tip;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.domain.tip.TipCategory;
import app.oo.domain.tip.TipKind;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackTipsTest {

    private static PersonFeatures features(Map<String, Double> values) {
        return new PersonFeatures(PersonId.random(), values, Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void overdueTaskComesFirstAsATodo() {
        FallbackTips.FallbackTip tip = FallbackTips.choose(features(Map.of("tasksOverdue", 2.0, "moodMean7d", 1.5)));
        assertThat(tip.category()).isEqualTo(TipCategory.OVERDUE_TASK);
        assertThat(tip.kind()).isEqualTo(TipKind.TODO);
    }

    @Test
    void lowMoodGetsAMoodLift() {
        assertThat(FallbackTips.choose(features(Map.of("moodMean7d", 2.0))).category()).isEqualTo(TipCategory.MOOD_LIFT);
    }

    @Test
    void longBusyDayGetsABreak() {
        assertThat(FallbackTips.choose(features(Map.of("busyHoursToday", 5.0, "hourNow", 14.0))).category())
                .isEqualTo(TipCategory.BREAK);
    }

    @Test
    void morningPlansTheDayAndLateEveningWindsDown() {
        assertThat(FallbackTips.choose(features(Map.of("hourNow", 8.0))).category()).isEqualTo(TipCategory.PLAN_DAY);
        assertThat(FallbackTips.choose(features(Map.of("hourNow", 22.0))).category()).isEqualTo(TipCategory.WIND_DOWN);
    }

    @Test
    void theHourIsTheDecisionsNotTheLastSignals() {
        assertThat(FallbackTips.choose(features(Map.of("localHour", 8.0, "hourNow", 22.0))).category())
                .as("a signal at 8 does not make 22:00 the morning").isEqualTo(TipCategory.WIND_DOWN);
    }

    @Test
    void noFeaturesAtAllStillGivesATip() {
        FallbackTips.FallbackTip tip = FallbackTips.choose(features(Map.of("hourNow", 13.0)));
        assertThat(tip.text()).isNotBlank();
        assertThat(TipCategory.isKnown(tip.category())).isTrue();
    }
}

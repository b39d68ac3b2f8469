package app.oo.sagas.tip;

import app.oo.domain.features.PersonFeatures;
import app.oo.domain.tip.TipCategory;
import app.oo.domain.tip.TipKind;

/**
 * The rule-based tip given when ml/serving is slow or down, so a person always gets a tip. The
 * rules read the same feature view as the policy, most pressing first; the time of day is the
 * person's own at the moment of the decision ({@code hourNow}), not that of their last signal.
 */
public final class FallbackTips {

    public static final String VERSION = "rules-1";

    /** A fallback tip. */
    public record FallbackTip(String text, TipKind kind, String category) {
    }

    private FallbackTips() {
    }

    public static FallbackTip choose(PersonFeatures features) {
        if (features.get("tasksOverdue") > 0) {
            return new FallbackTip("Pick your oldest overdue task and give it ten focused minutes.",
                    TipKind.TODO, TipCategory.OVERDUE_TASK);
        }
        double mood = features.get("moodMean7d");
        if (mood > 0 && mood <= 2.5) {
            return new FallbackTip("Step outside for a few minutes of daylight; it lifts the mood more than it seems.",
                    TipKind.ADVICE, TipCategory.MOOD_LIFT);
        }
        if (features.get("busyHoursToday") >= 4) {
            return new FallbackTip("Long day of meetings: take five minutes away from every screen.",
                    TipKind.ADVICE, TipCategory.BREAK);
        }
        double hour = features.get("hourNow");
        if (hour >= 5 && hour < 10) {
            return new FallbackTip("Write down the one thing that would make today a good day.",
                    TipKind.TODO, TipCategory.PLAN_DAY);
        }
        if (hour >= 21) {
            return new FallbackTip("Dim the lights and put the phone away for the last half hour of the day.",
                    TipKind.ADVICE, TipCategory.WIND_DOWN);
        }
        return new FallbackTip("Stand up, stretch and walk for five minutes.", TipKind.ADVICE, TipCategory.MOVEMENT);
    }
}

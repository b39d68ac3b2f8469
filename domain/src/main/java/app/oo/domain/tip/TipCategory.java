package app.oo.domain.tip;

import java.util.List;

/**
 * The small vocabulary of tip categories, shared with ml/serving (docs/api/ml-serving.yaml):
 * rewards are learnt per category, so the set stays small and stable.
 */
public final class TipCategory {

    public static final String OVERDUE_TASK = "overdue-task";
    public static final String DUE_TODAY = "due-today";
    public static final String PLAN_DAY = "plan-day";
    public static final String FOCUS = "focus";
    public static final String BREAK = "break";
    public static final String MOVEMENT = "movement";
    public static final String MOOD_LIFT = "mood-lift";
    public static final String HABIT = "habit";
    public static final String WIND_DOWN = "wind-down";
    public static final String REFLECTION = "reflection";

    public static final List<String> ALL = List.of(OVERDUE_TASK, DUE_TODAY, PLAN_DAY, FOCUS, BREAK, MOVEMENT,
            MOOD_LIFT, HABIT, WIND_DOWN, REFLECTION);

    private TipCategory() {
    }

    public static boolean isKnown(String category) {
        return ALL.contains(category);
    }
}

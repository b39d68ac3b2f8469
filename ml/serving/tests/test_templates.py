from typing import Dict, List

from serving.templates import template_candidates
from serving.vocabulary import CATEGORIES, MAX_TEXT_CHARS

NEUTRAL: Dict[str, float] = {"localHour": 14, "moodMean7d": 3.5}
EVERYTHING: Dict[str, float] = {
    "tasksOverdue": 1,
    "tasksDueToday": 1,
    "busyHoursToday": 6,
    "moodMean7d": 2,
    "habitStreakMax": 5,
    "localHour": 8,
}


def categories(context: Dict[str, float], **kwargs) -> List[str]:
    return [t.category for t in template_candidates(context, max_candidates=20, **kwargs)]


def test_overdue_task_gives_a_todo_overdue_task_first():
    first = template_candidates({**NEUTRAL, "tasksOverdue": 3})[0]
    assert (first.kind, first.category) == ("todo", "overdue-task")
    assert "3 tasks are overdue" in first.text


def test_overdue_task_names_the_first_task_title_when_given():
    first = template_candidates({**NEUTRAL, "tasksOverdue": 1}, task_titles=["Send the invoice"])[0]
    assert first.category == "overdue-task"
    assert "Send the invoice" in first.text


def test_task_due_today_gives_a_todo_due_today():
    found = [t for t in template_candidates({**NEUTRAL, "tasksDueToday": 2}) if t.category == "due-today"]
    assert len(found) == 1 and found[0].kind == "todo"


def test_low_mood_gives_mood_lift_advice():
    found = [t for t in template_candidates({**NEUTRAL, "moodMean7d": 2.0}) if t.category == "mood-lift"]
    assert found and found[0].kind == "advice"


def test_falling_mood_gives_mood_lift_advice():
    assert "mood-lift" in categories({**NEUTRAL, "moodTrend7d": -1.0})


def test_no_mood_check_in_is_not_low_mood():
    assert "tpl-mood-lift-daylight" not in [t.id for t in template_candidates({"localHour": 14, "moodMean7d": 0})]


def test_long_busy_day_gives_a_break():
    found = [t for t in template_candidates({**NEUTRAL, "busyHoursToday": 6}) if t.category == "break"]
    assert found and found[0].id == "tpl-break-busy"


def test_long_stretch_to_the_next_free_slot_gives_a_break():
    assert "tpl-break-stretch" in [t.id for t in template_candidates({**NEUTRAL, "minutesToNextFreeSlot": 180})]


def test_habit_streak_gives_habit_encouragement_with_the_streak():
    found = [t for t in template_candidates({**NEUTRAL, "habitStreakMax": 12}) if t.category == "habit"]
    assert found and found[0].text.startswith("12-day streak")


def test_morning_gives_plan_day():
    assert "plan-day" in categories({"localHour": 8})


def test_late_evening_gives_wind_down():
    assert "wind-down" in categories({"localHour": 22.5})
    assert "wind-down" not in categories({"localHour": 15})


def test_quiet_context_still_gives_three_generic_candidates():
    result = template_candidates({}, max_candidates=5)
    assert len(result) >= 3
    assert all(t.kind == "advice" for t in result)


def test_candidates_have_distinct_categories_and_ids():
    result = template_candidates(EVERYTHING, max_candidates=20)
    assert len({t.category for t in result}) == len(result)
    assert len({t.id for t in result}) == len(result)


def test_never_more_than_max_candidates_and_most_pressing_first():
    assert [t.category for t in template_candidates(EVERYTHING, max_candidates=2)] == ["overdue-task", "due-today"]


def test_one_candidate_when_one_is_asked():
    assert len(template_candidates({}, max_candidates=1)) == 1


def test_same_input_gives_same_output():
    context = {"tasksOverdue": 2, "localHour": 19, "habitStreakMax": 4}
    assert template_candidates(context, ["A task"], 5, "p1") == template_candidates(context, ["A task"], 5, "p1")


def test_persons_get_the_generic_advice_in_different_orders():
    orders = {tuple(t.id for t in template_candidates({}, max_candidates=3, person_key=f"p{i}")) for i in range(20)}
    assert len(orders) > 1


def test_texts_fit_the_limit_and_use_the_vocabulary_even_with_a_long_title():
    result = template_candidates(
        {"tasksOverdue": 1, "tasksDueToday": 1, "busyHoursToday": 23, "habitStreakMax": 999, "localHour": 8},
        task_titles=["x" * 300],
        max_candidates=20,
    )
    assert all(len(t.text) <= MAX_TEXT_CHARS for t in result)
    assert all(t.category in CATEGORIES and t.kind in ("advice", "todo") for t in result)


def test_unknown_and_odd_feature_values_never_fail():
    odd = {"somethingNew": 5, "tasksOverdue": -3, "localHour": 1e9, "moodMean7d": None, "weekday": float("nan")}
    assert len(template_candidates(odd)) >= 3

import numpy as np

from serving.features import CONTEXT_SLOTS, FeatureMap, context_vector, tag_candidate
from serving.vocabulary import CATEGORIES

from .helpers import candidate


def test_context_vector_stays_in_range_for_wild_values():
    wild = {
        "tasksOverdue": 1e12,
        "busyHoursToday": -40,
        "moodMean7d": 99,
        "moodTrend7d": -1e9,
        "localHour": -5,
        "minutesToNextFreeSlot": float("inf"),
        "signalsTasks7d": 1e6,
    }
    vector = context_vector(wild)
    assert vector.shape == (len(CONTEXT_SLOTS),)
    assert np.all(np.isfinite(vector)) and np.all(np.abs(vector) <= 1.0)


def test_missing_and_unknown_features_count_as_zero():
    assert np.array_equal(context_vector({"unknown": 5.0, "tasksOverdue": None}), context_vector({}))


def test_no_mood_check_in_is_neutral_and_low_mood_is_negative():
    slot = CONTEXT_SLOTS.index("mood")
    assert context_vector({"moodMean7d": 0})[slot] == 0.0
    assert context_vector({"moodMean7d": 1.5})[slot] < 0 < context_vector({"moodMean7d": 4.5})[slot]


def test_time_of_day_buckets_follow_local_hour():
    morning, night = CONTEXT_SLOTS.index("morning"), CONTEXT_SLOTS.index("night")
    assert context_vector({"localHour": 8})[morning] == 1.0
    assert context_vector({"localHour": 23})[night] == 1.0


def test_feature_matrix_has_fixed_dimension_and_crosses_context_with_category():
    fm = FeatureMap()
    x = fm.matrix({"tasksOverdue": 2}, [candidate("a", "movement"), candidate("b", "habit")], allow_not_now=True)
    assert x.shape == (3, fm.dimension)
    m = len(CONTEXT_SLOTS)
    movement = CATEGORIES.index("movement")
    assert np.array_equal(x[0, movement * m : (movement + 1) * m], context_vector({"tasksOverdue": 2}))
    assert x[2, len(CATEGORIES) * m] == 1.0  # not-now's own bias


def test_candidates_without_features_still_have_a_vector():
    odd = [{"id": "a", "category": "focus", "kind": "todo"}, {"id": "b", "category": "nonsense", "features": "bad"}]
    x = FeatureMap().matrix({}, odd)
    assert x.shape[0] == 2 and np.all(np.isfinite(x))


def test_per_category_rates_reach_only_that_category():
    fm = FeatureMap()
    x = fm.matrix({"rateLiked.habit": 0.8}, [candidate("a", "habit"), candidate("b", "focus")])
    liked = fm.rate_offset + 2
    assert (x[0, liked], x[1, liked]) == (0.8, 0.0)


def test_candidate_tags_detect_numbers_imperatives_and_task_mentions():
    tags = tag_candidate("Finish the tax return in 20 minutes.", "todo", "overdue-task", ["Tax return"])
    assert (tags["hasNumber"], tags["imperative"], tags["mentionsTask"], tags["question"]) == (1.0, 1.0, 1.0, 0.0)
    question = tag_candidate("How about a short walk?", "advice", "movement")
    assert (question["imperative"], question["question"], question["length.short"]) == (0.0, 1.0, 1.0)


def test_java_enum_constant_names_are_understood():
    fm = FeatureMap()
    java = fm.matrix({"tasksOverdue": 1}, [{"id": "a", "kind": "todo".upper(), "category": "OVERDUE_TASK", "features": {}}])
    python = fm.matrix({"tasksOverdue": 1}, [{"id": "a", "kind": "todo", "category": "overdue-task", "features": {}}])
    assert np.array_equal(java, python)

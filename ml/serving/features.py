"""Features: the person's context as a compact normalised vector, candidate tags, and the fixed
interaction layout the bandit learns on.

The Java side sends a context map with whatever subset of the documented names it knows. Unknown
names are ignored and missing ones count as 0, so adding a feature on either side never breaks
the other. Every value is squashed into a small range here, once, so the linear policy's prior
(one unit of precision per weight) means the same thing for every feature.
"""

import math
import re
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

from .vocabulary import CATEGORIES, KINDS, MAX_TEXT_CHARS, NOT_NOW

SIGNAL_SOURCES: Tuple[str, ...] = ("Tasks", "Calendar", "Mood", "Habits", "Context")
SIGNAL_WINDOWS: Tuple[str, ...] = ("1d", "7d", "28d")

CONTEXT_FEATURES: Tuple[str, ...] = tuple(
    f"signals{source}{window}" for source in SIGNAL_SOURCES for window in SIGNAL_WINDOWS
) + (
    "tasksOverdue",
    "tasksDueToday",
    "taskCompletionRate7d",
    "habitStreakMax",
    "moodMean7d",
    "moodTrend7d",
    "busyHoursToday",
    "minutesToNextFreeSlot",
    "localHour",
    "weekday",
    "hoursSinceLastTip",
    "hoursSinceLastReaction",
)
"""Context names the policy reads; per-category rates (``rateDone.<category>`` ...) come on top."""

RATE_PREFIXES: Tuple[str, ...] = ("rateDone", "rateDismissed", "rateLiked")

CONTEXT_SLOTS: Tuple[str, ...] = (
    "bias",
    "overdue",
    "dueToday",
    "completion",
    "habitStreak",
    "mood",
    "moodTrend",
    "busy",
    "nextFreeSlot",
    "morning",
    "evening",
    "night",
    "weekend",
    "sinceLastTip",
    "sinceLastReaction",
    "activity7d",
)
"""The compact context vector, in order; see :func:`context_vector`."""

STYLE_FEATURES: Tuple[str, ...] = (
    "kind.todo",
    "length.short",
    "length.long",
    "hasNumber",
    "imperative",
    "question",
    "mentionsTask",
)
"""Candidate features the policy reads beside the category (global, not crossed with context)."""

ACTION_GROUPS: Tuple[str, ...] = CATEGORIES + (NOT_NOW,)

FEATURE_MAP_VERSION = "fm-1"

SHORT_TEXT_CHARS = 60
LONG_TEXT_CHARS = 100

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten twenty thirty half dozen".split()
)
_LEADING_ADVERBS = frozenset("now today tonight first please quickly gently".split())
IMPERATIVE_VERBS = frozenset(
    """
    ask block book breathe call celebrate check choose clear close cross dim do drink eat enjoy
    finish focus get give go jot keep knock leave list listen log look make mark move mute name
    note notice open pause pick plan prepare protect put read remember reply rest review reward
    say schedule send set share sit skip smile spend split stand start step stop stretch switch
    take tackle tell text thank tidy track try turn walk wash write
    """.split()
)
_WORD = re.compile(r"[a-z']+")


def number(context: Mapping[str, object], name: str) -> float:
    """The named value as a finite float; missing, null or non-finite values count as 0."""
    value = context.get(name)
    if value is None or isinstance(value, bool):
        return 0.0
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return result if math.isfinite(result) else 0.0


def _log_scaled(value: float, cap: float) -> float:
    """Counts and durations grow fast; a log keeps the first few units meaningful, capped at 1."""
    if value <= 0:
        return 0.0
    return min(math.log1p(value) / math.log1p(cap), 1.0)


def _clip(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def normalised_mood(mood_mean: float) -> float:
    """Mood check-ins score 1..5 and 0 means no check-in: map to [-1, 1], unknown to neutral 0."""
    if mood_mean <= 0:
        return 0.0
    return _clip((mood_mean - 3.0) / 2.0, -1.0, 1.0)


def context_vector(context: Mapping[str, object]) -> np.ndarray:
    """The compact context (:data:`CONTEXT_SLOTS`), every entry in [-1, 1]."""
    hour = number(context, "localHour") % 24.0
    weekday = number(context, "weekday")
    activity = sum(number(context, f"signals{source}7d") for source in SIGNAL_SOURCES)
    return np.array(
        [
            1.0,
            _log_scaled(number(context, "tasksOverdue"), 5.0),
            _log_scaled(number(context, "tasksDueToday"), 5.0),
            _clip(number(context, "taskCompletionRate7d"), 0.0, 1.0),
            _log_scaled(number(context, "habitStreakMax"), 30.0),
            normalised_mood(number(context, "moodMean7d")),
            _clip(number(context, "moodTrend7d") / 2.0, -1.0, 1.0),
            _clip(number(context, "busyHoursToday") / 8.0, 0.0, 1.0),
            _log_scaled(number(context, "minutesToNextFreeSlot"), 240.0),
            1.0 if 5.0 <= hour < 11.0 else 0.0,
            1.0 if 17.0 <= hour < 21.0 else 0.0,
            1.0 if hour >= 21.0 or hour < 5.0 else 0.0,
            1.0 if weekday in (6.0, 7.0) else 0.0,
            _log_scaled(number(context, "hoursSinceLastTip"), 72.0),
            _log_scaled(number(context, "hoursSinceLastReaction"), 72.0),
            _log_scaled(activity, 100.0),
        ],
        dtype=np.float64,
    )


def is_imperative(text: str) -> bool:
    """Does the text start with a verb in the imperative ("Pick ...", "Now, write ...")?"""
    words = _WORD.findall(text.lower())[:2]
    if not words:
        return False
    if words[0] in IMPERATIVE_VERBS:
        return True
    return len(words) == 2 and words[0] in _LEADING_ADVERBS and words[1] in IMPERATIVE_VERBS


def has_number(text: str) -> bool:
    if any(ch.isdigit() for ch in text):
        return True
    return any(word in _NUMBER_WORDS for word in _WORD.findall(text.lower()))


def mentions_any(text: str, titles: Iterable[str]) -> bool:
    folded = text.casefold()
    return any(len(title.strip()) >= 3 and title.strip().casefold() in folded for title in titles)


def tag_candidate(
    text: str, kind: str, category: str, task_titles: Sequence[str] = ()
) -> Dict[str, float]:
    """The action features sent with a candidate: one-hot category and kind, length bucket,
    has-number, imperative, question and whether it names one of the person's tasks (the titles
    themselves are never kept)."""
    length = len(text)
    features: Dict[str, float] = {f"category.{name}": float(name == category) for name in CATEGORIES}
    features.update({f"kind.{name}": float(name == kind) for name in KINDS})
    features["length.short"] = float(length <= SHORT_TEXT_CHARS)
    features["length.medium"] = float(SHORT_TEXT_CHARS < length <= LONG_TEXT_CHARS)
    features["length.long"] = float(length > LONG_TEXT_CHARS)
    features["chars"] = round(min(length, MAX_TEXT_CHARS) / MAX_TEXT_CHARS, 4)
    features["hasNumber"] = float(has_number(text))
    features["imperative"] = float(is_imperative(text))
    features["question"] = float(text.rstrip().endswith("?"))
    features["mentionsTask"] = float(mentions_any(text, task_titles))
    return features


class FeatureMap:
    """The fixed-dimension action vector x(context, action) the linear policies score.

    Layout: the compact context crossed with a one-hot over the ten categories plus "not now"
    (so each category learns its own context weights), then the candidate's style features and
    the person's done/dismissed/liked rates for the candidate's category. Not-now has no style
    and no rates. The interaction keeps the model linear, hence a closed-form posterior, while
    letting the best category depend on the context.
    """

    version = FEATURE_MAP_VERSION

    def __init__(self) -> None:
        self.context_size = len(CONTEXT_SLOTS)
        self.groups = len(ACTION_GROUPS)
        self._group_index = {name: i for i, name in enumerate(ACTION_GROUPS)}
        self.style_offset = self.context_size * self.groups
        self.rate_offset = self.style_offset + len(STYLE_FEATURES)
        self.dimension = self.rate_offset + len(RATE_PREFIXES)

    def matrix(
        self,
        context: Mapping[str, object],
        candidates: Sequence[Mapping[str, object]],
        allow_not_now: bool = False,
    ) -> np.ndarray:
        """One row per candidate, in order, plus a last row for not-now when it is allowed."""
        rows = len(candidates) + (1 if allow_not_now else 0)
        x = np.zeros((rows, self.dimension), dtype=np.float64)
        c = context_vector(context)
        m = self.context_size
        rates: Dict[str, List[float]] = {}
        style = np.zeros((len(candidates), len(STYLE_FEATURES)))
        for i, candidate in enumerate(candidates):
            # Case-insensitive: a Java enum may arrive by its constant name (upper case, underscores).
            category = str(candidate.get("category", "")).lower().replace("_", "-")
            group = self._group_index.get(category)
            if group is not None and category != NOT_NOW:
                x[i, group * m : (group + 1) * m] = c
                if category not in rates:
                    rates[category] = [_clip(number(context, f"{p}.{category}"), 0.0, 1.0) for p in RATE_PREFIXES]
                x[i, self.rate_offset :] = rates[category]
            features = candidate.get("features")
            if isinstance(features, Mapping):
                style[i] = [number(features, name) for name in STYLE_FEATURES]
            style[i, 0] = float(str(candidate.get("kind", "")).lower() == "todo")
        x[: len(candidates), self.style_offset : self.rate_offset] = np.clip(style, -1.0, 1.0)
        if allow_not_now:
            group = self._group_index[NOT_NOW]
            x[-1, group * m : (group + 1) * m] = c
        return x

    def describe(self) -> List[str]:
        """A name for every coordinate, for debugging and offline analysis."""
        names = [f"{group}*{slot}" for group in ACTION_GROUPS for slot in CONTEXT_SLOTS]
        names += list(STYLE_FEATURES)
        names += [f"{prefix}.<category>" for prefix in RATE_PREFIXES]
        return names


def first_title(titles: Optional[Sequence[str]]) -> Optional[str]:
    """The first usable task title, trimmed to keep a templated tip under the length limit."""
    for title in titles or ():
        cleaned = " ".join(title.split())
        if len(cleaned) >= 3:
            return cleaned if len(cleaned) <= 60 else cleaned[:57].rstrip() + "..."
    return None

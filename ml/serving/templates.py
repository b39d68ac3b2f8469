"""The deterministic template generator: sensible candidates from the context alone.

Used when no LLM is configured, or when it is slow, failing or unusable; also tops up a short LLM
answer. Rules fire from the most pressing situation (an overdue task) to the gentlest (reflection),
at most one candidate per category so the bandit always chooses between different kinds of help;
generic advice fills the list so there are always at least three candidates. Same input, same
output: no clock, no randomness (the generic pool is rotated by a stable hash of the person key so
two persons do not always see the same generic advice first).
"""

import hashlib
from dataclasses import dataclass
from typing import Callable, List, Mapping, Optional, Sequence

from .features import first_title, number

MIN_CANDIDATES = 3


@dataclass(frozen=True)
class Template:
    id: str
    kind: str
    category: str
    text: str


@dataclass(frozen=True)
class Situation:
    """The context values the rules read, with their units."""

    overdue: int
    due_today: int
    hour: float
    busy_hours: float
    minutes_to_free: float
    mood: float
    mood_trend: float
    streak: int
    title: Optional[str]

    @classmethod
    def of(cls, context: Mapping[str, object], task_titles: Sequence[str]) -> "Situation":
        return cls(
            overdue=int(max(number(context, "tasksOverdue"), 0)),
            due_today=int(max(number(context, "tasksDueToday"), 0)),
            hour=number(context, "localHour") % 24.0,
            busy_hours=number(context, "busyHoursToday"),
            minutes_to_free=number(context, "minutesToNextFreeSlot"),
            mood=number(context, "moodMean7d"),
            mood_trend=number(context, "moodTrend7d"),
            streak=int(max(number(context, "habitStreakMax"), 0)),
            title=first_title(task_titles),
        )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _overdue(s: Situation) -> Optional[Template]:
    if s.overdue <= 0:
        return None
    if s.title:
        return Template(
            "tpl-overdue-task-title",
            "todo",
            "overdue-task",
            f"Finish \u201c{s.title}\u201d: it is overdue, and ten focused minutes may be enough.",
        )
    if s.overdue == 1:
        return Template(
            "tpl-overdue-task-one",
            "todo",
            "overdue-task",
            "One task is overdue: give it ten focused minutes now.",
        )
    return Template(
        "tpl-overdue-task-many",
        "todo",
        "overdue-task",
        f"{s.overdue} tasks are overdue: pick the smallest one and close it first.",
    )


def _due_today(s: Situation) -> Optional[Template]:
    if s.due_today <= 0:
        return None
    if s.title and s.overdue <= 0:
        return Template(
            "tpl-due-today-title",
            "todo",
            "due-today",
            f"\u201c{s.title}\u201d is due today: block half an hour for it now.",
        )
    return Template(
        "tpl-due-today-count",
        "todo",
        "due-today",
        f"{_plural(s.due_today, 'task')} due today: start with the shortest one.",
    )


def _plan_day(s: Situation) -> Optional[Template]:
    if not 5.0 <= s.hour < 11.0:
        return None
    return Template(
        "tpl-plan-day-three",
        "todo",
        "plan-day",
        "Write down the three things that would make today a good day.",
    )


def _break(s: Situation) -> Optional[Template]:
    if s.busy_hours >= 4.0:
        return Template(
            "tpl-break-busy",
            "advice",
            "break",
            f"{s.busy_hours:.0f} busy hours today: take five minutes away from every screen between them.",
        )
    if s.minutes_to_free >= 120.0:
        return Template(
            "tpl-break-stretch",
            "advice",
            "break",
            "A long stretch before your next free slot: stand up and breathe for two minutes first.",
        )
    return None


def _mood_lift(s: Situation) -> Optional[Template]:
    if 0.0 < s.mood <= 2.5 or s.mood_trend <= -0.5:
        return Template(
            "tpl-mood-lift-daylight",
            "advice",
            "mood-lift",
            "Step outside for a few minutes of daylight; it lifts the mood more than it seems.",
        )
    return None


def _habit(s: Situation) -> Optional[Template]:
    if s.streak < 3:
        return None
    return Template(
        "tpl-habit-streak",
        "advice",
        "habit",
        f"{s.streak}-day streak: keep it alive today, even a small version counts.",
    )


def _wind_down(s: Situation) -> Optional[Template]:
    if not (s.hour >= 21.0 or s.hour < 4.0):
        return None
    return Template(
        "tpl-wind-down-dim",
        "advice",
        "wind-down",
        "Dim the lights and put the phone away for the last half hour of the day.",
    )


def _focus(s: Situation) -> Optional[Template]:
    if not (9.0 <= s.hour < 17.0 and s.busy_hours < 3.0):
        return None
    return Template(
        "tpl-focus-block",
        "advice",
        "focus",
        "Block 25 minutes for your most important task, notifications off.",
    )


def _reflection(s: Situation) -> Optional[Template]:
    if not 17.0 <= s.hour < 21.0:
        return None
    return Template(
        "tpl-reflection-went-well",
        "advice",
        "reflection",
        "Note one thing that went well today, however small.",
    )


RULES: Sequence[Callable[[Situation], Optional[Template]]] = (
    _overdue,
    _due_today,
    _mood_lift,
    _break,
    _plan_day,
    _wind_down,
    _habit,
    _focus,
    _reflection,
)

GENERIC: Sequence[Template] = (
    Template("tpl-movement-walk", "advice", "movement", "Stand up, stretch and walk for five minutes."),
    Template(
        "tpl-break-water", "advice", "break", "Drink a glass of water and look out of a window for a minute."
    ),
    Template("tpl-reflection-grateful", "advice", "reflection", "Name one thing you are grateful for right now."),
    Template("tpl-focus-one-thing", "advice", "focus", "Pick one thing and give it 25 minutes without interruptions."),
    Template("tpl-movement-stairs", "advice", "movement", "Take the stairs or a short walk before your next task."),
    Template(
        "tpl-mood-lift-message", "advice", "mood-lift", "Send a short message to someone you like, just to say hi."
    ),
)


def _rotation(person_key: str) -> int:
    return int.from_bytes(hashlib.sha256(person_key.encode("utf-8")).digest()[:4], "big") % len(GENERIC)


def template_candidates(
    context: Mapping[str, object],
    task_titles: Sequence[str] = (),
    max_candidates: int = 5,
    person_key: str = "",
    exclude_categories: Sequence[str] = (),
) -> List[Template]:
    """Up to ``max_candidates`` templates (at least ``min(3, max_candidates)``), most pressing first,
    one per category, skipping ``exclude_categories`` unless they are needed to reach three."""
    situation = Situation.of(context, task_titles)
    chosen: List[Template] = []
    categories = set(exclude_categories)
    for rule in RULES:
        template = rule(situation)
        if template is not None and template.category not in categories:
            chosen.append(template)
            categories.add(template.category)
    start = _rotation(person_key)
    generic = [GENERIC[(start + i) % len(GENERIC)] for i in range(len(GENERIC))]
    for template in generic:
        if len(chosen) >= max_candidates:
            break
        if template.category not in categories:
            chosen.append(template)
            categories.add(template.category)
    wanted = min(MIN_CANDIDATES, max_candidates)
    for template in generic:
        if len(chosen) >= wanted:
            break
        if template not in chosen:
            chosen.append(template)
    return chosen[:max_candidates]

"""A simulated population for the learning tests: persons with hidden habits, a context that
reflects them, and a hidden Bernoulli reward per category that depends on that context."""

from dataclasses import dataclass
from typing import Dict, List

import numpy as np

from serving.features import tag_candidate
from serving.vocabulary import CATEGORIES

_TEXTS = {
    "overdue-task": ("todo", "Finish the oldest overdue task first."),
    "due-today": ("todo", "Two tasks are due today: start with the shortest."),
    "plan-day": ("todo", "Write down the three things that matter today."),
    "focus": ("advice", "Block 25 minutes for your most important task."),
    "break": ("advice", "Step away from the screen for five minutes."),
    "movement": ("advice", "Take a ten-minute walk."),
    "mood-lift": ("advice", "Text a friend just to say hi."),
    "habit": ("advice", "Keep your streak alive today."),
    "wind-down": ("advice", "Dim the lights and put the phone away."),
    "reflection": ("advice", "Note one thing that went well today."),
}

CANDIDATES: List[Dict[str, object]] = [
    {"id": category, "text": text, "kind": kind, "category": category, "features": tag_candidate(text, kind, category)}
    for category, (kind, text) in _TEXTS.items()
]


@dataclass(frozen=True)
class Person:
    overdue_rate: float
    mood: float
    busy: float
    streak: float
    favourite: str


def population(size: int, rng: np.random.Generator) -> List[Person]:
    return [
        Person(
            overdue_rate=float(rng.uniform(0.0, 0.8)),
            mood=float(rng.uniform(1.5, 4.5)),
            busy=float(rng.uniform(0.0, 1.0)),
            streak=float(rng.choice([0.0, 0.0, 5.0, 12.0])),
            favourite=str(rng.choice(CATEGORIES)),
        )
        for _ in range(size)
    ]


def context_of(person: Person, rng: np.random.Generator) -> Dict[str, float]:
    hour = float(rng.integers(6, 24))
    context = {
        "tasksOverdue": float(rng.poisson(2.0) + 1) if rng.random() < person.overdue_rate else 0.0,
        "tasksDueToday": float(rng.poisson(1.0)),
        "moodMean7d": float(np.clip(person.mood + rng.normal(0.0, 0.4), 1.0, 5.0)),
        "busyHoursToday": float(np.clip(person.busy * 8.0 + rng.normal(0.0, 1.0), 0.0, 10.0)),
        "habitStreakMax": person.streak,
        "localHour": hour,
        "weekday": float(rng.integers(1, 8)),
        "signalsTasks7d": float(rng.poisson(10)),
    }
    for category in CATEGORIES:
        context[f"rateLiked.{category}"] = 0.6 if category == person.favourite else 0.1
    return context


def reward_probability(person: Person, context: Dict[str, float], category: str) -> float:
    """The hidden truth: which tip helps depends on the situation, plus a personal favourite."""
    hour = context["localHour"]
    base = {
        "overdue-task": 0.05 + 0.7 * (context["tasksOverdue"] > 0),
        "due-today": 0.05 + 0.35 * (context["tasksDueToday"] > 0) * (context["tasksOverdue"] == 0),
        "plan-day": 0.05 + 0.6 * (hour < 11),
        "focus": 0.1 + 0.3 * (11 <= hour < 17) * (context["busyHoursToday"] < 3),
        "break": 0.05 + 0.65 * (context["busyHoursToday"] >= 5),
        "movement": 0.25,
        "mood-lift": 0.05 + 0.7 * (context["moodMean7d"] <= 2.5),
        "habit": 0.05 + 0.5 * (context["habitStreakMax"] >= 3),
        "wind-down": 0.05 + 0.7 * (hour >= 21),
        "reflection": 0.1 + 0.3 * (17 <= hour < 21),
    }[category]
    bonus = 0.15 if category == person.favourite else 0.0
    return float(min(base + bonus, 0.95))

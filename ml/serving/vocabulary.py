"""The closed vocabularies shared by generation, ranking and the HTTP contract.

They are part of the contract (docs/api/ml-serving.yaml) and of the bandit's feature layout:
adding a category changes the feature dimension, so it is a new feature-map version.
"""

from typing import Dict, Tuple

CATEGORIES: Tuple[str, ...] = (
    "overdue-task",
    "due-today",
    "plan-day",
    "focus",
    "break",
    "movement",
    "mood-lift",
    "habit",
    "wind-down",
    "reflection",
)

KINDS: Tuple[str, ...] = ("advice", "todo")

NOT_NOW = "not-now"
"""The id of the extra action "show nothing now", offered to the policy only when allowed."""

MAX_TEXT_CHARS = 140

# What an LLM tends to write instead of our category names; anything else is inferred from the
# text or dropped (see parsing.py).
CATEGORY_SYNONYMS: Dict[str, str] = {
    "overdue": "overdue-task",
    "overdue-tasks": "overdue-task",
    "late-task": "overdue-task",
    "due": "due-today",
    "deadline": "due-today",
    "today": "due-today",
    "planning": "plan-day",
    "plan": "plan-day",
    "plan-the-day": "plan-day",
    "morning": "plan-day",
    "productivity": "focus",
    "deep-work": "focus",
    "concentration": "focus",
    "rest": "break",
    "pause": "break",
    "breather": "break",
    "exercise": "movement",
    "activity": "movement",
    "walk": "movement",
    "stretch": "movement",
    "mood": "mood-lift",
    "wellbeing": "mood-lift",
    "well-being": "mood-lift",
    "self-care": "mood-lift",
    "habits": "habit",
    "streak": "habit",
    "routine": "habit",
    "sleep": "wind-down",
    "evening": "wind-down",
    "relax": "wind-down",
    "relaxation": "wind-down",
    "journal": "reflection",
    "journaling": "reflection",
    "gratitude": "reflection",
    "review": "reflection",
}

KIND_SYNONYMS: Dict[str, str] = {
    "tip": "advice",
    "suggestion": "advice",
    "advise": "advice",
    "recommendation": "advice",
    "task": "todo",
    "to-do": "todo",
    "to do": "todo",
    "action": "todo",
}

"""Request builders shared by the API tests."""

import uuid
from typing import Any, Dict, List

from serving.features import tag_candidate


def candidate(identifier: str, category: str, kind: str = "advice", text: str = "Take a short walk.") -> Dict[str, Any]:
    return {
        "id": identifier,
        "text": text,
        "kind": kind,
        "category": category,
        "features": tag_candidate(text, kind, category),
    }


THREE_CANDIDATES: List[Dict[str, Any]] = [
    candidate("a", "movement", text="Take a short walk."),
    candidate("b", "break", text="Drink a glass of water."),
    candidate("c", "overdue-task", kind="todo", text="Finish the overdue task first."),
]


def rank_body(**overrides: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "decisionId": str(uuid.uuid4()),
        "personKey": "person-1",
        "context": {"tasksOverdue": 2, "localHour": 9, "moodMean7d": 3.5},
        "candidates": THREE_CANDIDATES,
    }
    body.update(overrides)
    return body

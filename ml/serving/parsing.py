"""Turn whatever a small LLM answered into clean (text, kind, category) candidates.

A 1.5B model asked for JSON sometimes wraps it in a code fence, adds a sentence before it, uses
other key names, invents categories, writes paragraphs or repeats itself. Everything here is
forgiving on shape and strict on the result: a candidate is kept only with a non-empty text of at
most 140 characters and a kind and category from the vocabulary (mapped from synonyms or inferred
from the text); anything else is dropped.
"""

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional

from .vocabulary import CATEGORIES, CATEGORY_SYNONYMS, KIND_SYNONYMS, KINDS, MAX_TEXT_CHARS

_FENCE = re.compile(r"```[a-zA-Z0-9_-]*\s*(.*?)```", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*\u2022]+|\d{1,2}[.)]|\(\d{1,2}\))\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
_LIST_KEYS = ("candidates", "tips", "items", "suggestions", "results", "data")
_TEXT_KEYS = ("text", "tip", "content", "message", "advice", "todo", "title")
_TASK_CATEGORIES = frozenset({"overdue-task", "due-today", "plan-day"})
_MAX_DECODE_ATTEMPTS = 20

# Ordered: the first matching rule names the category of a text that came without a usable one.
_KEYWORDS = (
    ("overdue-task", ("overdue", "late task", "past due")),
    ("due-today", ("due today", "deadline", "due by")),
    ("wind-down", ("sleep", "bed", "wind down", "tonight", "dim the")),
    ("habit", ("habit", "streak", "routine")),
    ("mood-lift", ("mood", "smile", "friend", "kind to yourself", "daylight", "cheer")),
    ("reflection", ("reflect", "journal", "went well", "grateful", "gratitude", "learned")),
    ("plan-day", ("plan", "priorit", "three things", "today's list", "top three")),
    ("focus", ("focus", "pomodoro", "deep work", "notifications off", "single task", "concentrat")),
    ("movement", ("walk", "stretch", "exercise", "stairs", "move", "yoga")),
    ("break", ("break", "pause", "breathe", "screen", "water", "rest")),
)


@dataclass(frozen=True)
class ParsedCandidate:
    text: str
    kind: str
    category: str


def parse_candidates(content: Optional[str]) -> List[ParsedCandidate]:
    """Every acceptable candidate in the answer, in order, exact duplicates removed."""
    if not content or not content.strip():
        return []
    items = _items(content)
    seen = set()
    result = []
    for item in items:
        candidate = normalise_item(item)
        if candidate is None:
            continue
        key = _fold(candidate.text)
        if key in seen:
            continue
        seen.add(key)
        result.append(candidate)
    return result


def normalise_item(item: Any) -> Optional[ParsedCandidate]:
    """One raw item (a string or an object) as a candidate, or None when it cannot be one."""
    if isinstance(item, str):
        raw_text: Any = item
        raw_kind: Any = None
        raw_category: Any = None
    elif isinstance(item, dict):
        raw_text = next((item[key] for key in _TEXT_KEYS if isinstance(item.get(key), str)), None)
        raw_kind = item.get("kind") or item.get("type")
        raw_category = item.get("category") or item.get("topic")
    else:
        return None
    text = clean_text(raw_text) if isinstance(raw_text, str) else None
    if not text:
        return None
    category = normalise_category(raw_category) or infer_category(text)
    if category is None:
        return None
    kind = normalise_kind(raw_kind) or ("todo" if category in _TASK_CATEGORIES else "advice")
    return ParsedCandidate(text, kind, category)


def clean_text(raw: str) -> Optional[str]:
    """Trim quotes, bullets and spaces; shorten to whole sentences within the limit, else drop."""
    text = " ".join(raw.split())
    text = _BULLET.sub("", text).strip().strip("\"'\u201c\u201d`").strip()
    if len(text) < 3:
        return None
    if len(text) <= MAX_TEXT_CHARS:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        joined = f"{kept} {sentence}".strip()
        if len(joined) > MAX_TEXT_CHARS:
            break
        kept = joined
    return kept if len(kept) >= 3 else None


def normalise_category(raw: Any) -> Optional[str]:
    if not isinstance(raw, str):
        return None
    key = re.sub(r"[\s_]+", "-", raw.strip().lower())
    if key in CATEGORIES:
        return key
    return CATEGORY_SYNONYMS.get(key)


def normalise_kind(raw: Any) -> Optional[str]:
    if not isinstance(raw, str):
        return None
    key = raw.strip().lower()
    if key in KINDS:
        return key
    return KIND_SYNONYMS.get(key)


def infer_category(text: str) -> Optional[str]:
    folded = text.lower()
    for category, words in _KEYWORDS:
        if any(word in folded for word in words):
            return category
    return None


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _items(content: str) -> List[Any]:
    for document in _json_documents(content):
        items = _items_of(document)
        if items:
            return items
    return _lines(content)


def _json_documents(content: str) -> Iterable[Any]:
    """JSON values in the answer: fenced blocks first, then the whole text, then any embedded
    object or array (a model that chats before its JSON)."""
    for block in _FENCE.findall(content):
        try:
            yield json.loads(block)
        except ValueError:
            continue
    try:
        yield json.loads(content)
    except ValueError:
        pass
    decoder = json.JSONDecoder()
    attempts = 0
    for match in re.finditer(r"[\[{]", content):
        if attempts >= _MAX_DECODE_ATTEMPTS:
            break
        attempts += 1
        try:
            value, _ = decoder.raw_decode(content, match.start())
        except ValueError:
            continue
        yield value


def _items_of(document: Any) -> List[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
        if any(isinstance(document.get(key), str) for key in _TEXT_KEYS):
            return [document]
    return []


def _lines(content: str) -> List[str]:
    """No JSON at all: take bulleted or numbered lines as texts."""
    return [line for line in content.splitlines() if _BULLET.match(line) and not line.strip().startswith("```")]

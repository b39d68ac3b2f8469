"""Reading and validating decision-log snapshots (PostgreSQL schema or JSONL file).

The Java query side owns the `decision_log` table; this module is the Python side of that
contract. Every row is checked before any estimate is made, because a single propensity of
0 or a chosen id that is not among the candidates silently ruins an importance-weighted
estimate. Errors name the row (JSONL line, or decision id) and the field.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .progress import SILENT, ProgressFactory

NOT_NOW = "not-now"

REQUIRED_FIELDS: tuple[str, ...] = (
    "decision_id",
    "person_key",
    "decided_at",
    "context",
    "candidates",
    "chosen_id",
    "propensity",
    "policy",
    "policy_version",
)
NULLABLE_FIELDS: tuple[str, ...] = (
    "shadow_policy",
    "shadow_policy_version",
    "shadow_chosen_id",
    "shadow_propensity",
    "reward",
    "rewarded_at",
)
COLUMNS: tuple[str, ...] = REQUIRED_FIELDS + NULLABLE_FIELDS
DEFAULT_TABLE = "decision_log"


class LogFormatError(ValueError):
    """A snapshot row or table that breaks the decision_log contract."""


@dataclass(frozen=True)
class Candidate:
    """One tip the policy could have shown; texts never reach the log, only features."""

    id: str
    kind: str
    category: str
    features: Mapping[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "category": self.category, "features": dict(self.features)}


@dataclass(frozen=True)
class Decision:
    """One validated decision_log row."""

    decision_id: str
    person_key: str
    decided_at: datetime
    context: Mapping[str, float]
    candidates: tuple[Candidate, ...]
    chosen_id: str
    propensity: float
    policy: str
    policy_version: str
    shadow_policy: str | None = None
    shadow_policy_version: str | None = None
    shadow_chosen_id: str | None = None
    shadow_propensity: float | None = None
    reward: float | None = None
    rewarded_at: datetime | None = None

    def as_row(self) -> dict[str, Any]:
        """The row as JSON-ready snake_case fields, the exporter's line format."""
        return {
            "decision_id": self.decision_id,
            "person_key": self.person_key,
            "decided_at": self.decided_at.isoformat(),
            "context": dict(self.context),
            "candidates": [c.as_dict() for c in self.candidates],
            "chosen_id": self.chosen_id,
            "propensity": self.propensity,
            "policy": self.policy,
            "policy_version": self.policy_version,
            "shadow_policy": self.shadow_policy,
            "shadow_policy_version": self.shadow_policy_version,
            "shadow_chosen_id": self.shadow_chosen_id,
            "shadow_propensity": self.shadow_propensity,
            "reward": self.reward,
            "rewarded_at": self.rewarded_at.isoformat() if self.rewarded_at else None,
        }


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def snake_case(key: str) -> str:
    """`shadowChosenId` -> `shadow_chosen_id`; snake_case keys pass unchanged."""
    return _CAMEL.sub("_", key).lower()


class _Row:
    """Field access that raises LogFormatError naming the row and the field."""

    def __init__(self, raw: Mapping[str, Any], where: str) -> None:
        self.fields = {snake_case(k): v for k, v in raw.items()}
        self.where = where

    def fail(self, name: str, problem: str) -> LogFormatError:
        return LogFormatError(f"{self.where}: field '{name}' {problem}")

    def required(self, name: str) -> Any:
        if name not in self.fields:
            raise self.fail(name, "is missing")
        value = self.fields[name]
        if value is None:
            raise self.fail(name, "is null but the contract says not null")
        return value

    def optional(self, name: str) -> Any:
        return self.fields.get(name)

    def text(self, name: str, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(name, f"must be text, got {type(value).__name__} {value!r}")
        text = str(value)
        if not text.strip():
            raise self.fail(name, "must not be empty")
        return text

    def number(self, name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            try:
                value = float(value) if isinstance(value, str) else _decimal(value)
            except (TypeError, ValueError):
                raise self.fail(name, f"must be a number, got {value!r}") from None
        number = float(value)
        if not math.isfinite(number):
            raise self.fail(name, f"must be finite, got {number!r}")
        return number

    def timestamp(self, name: str, value: Any) -> datetime:
        if isinstance(value, datetime):
            stamp = value
        elif isinstance(value, str):
            try:
                stamp = datetime.fromisoformat(value)
            except ValueError:
                raise self.fail(name, f"must be an ISO-8601 timestamp, got {value!r}") from None
        else:
            raise self.fail(name, f"must be a timestamp, got {value!r}")
        return stamp.replace(tzinfo=timezone.utc) if stamp.tzinfo is None else stamp.astimezone(timezone.utc)

    def json_value(self, name: str, value: Any) -> Any:
        """jsonb arrives parsed from PostgreSQL; in JSONL it may be an object or a JSON string."""
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError as error:
                raise self.fail(name, f"holds malformed JSON ({error.msg} at char {error.pos})") from None
        return value

    def features(self, name: str, value: Any) -> dict[str, float]:
        value = self.json_value(name, value)
        if not isinstance(value, Mapping):
            raise self.fail(name, f"must be a JSON object of numbers, got {type(value).__name__}")
        out: dict[str, float] = {}
        for key, item in value.items():
            if isinstance(item, bool):
                out[str(key)] = float(item)
            elif isinstance(item, (int, float)) and math.isfinite(float(item)):
                out[str(key)] = float(item)
            else:
                raise self.fail(f"{name}.{key}", f"must be a finite number, got {item!r}")
        return out


def _decimal(value: Any) -> float:
    """psycopg2 may hand back Decimal for numeric columns; anything else is not a number."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(value)


def parse_decision(raw: Mapping[str, Any], where: str) -> Decision:
    """Validate one row against the contract and return it typed.

    Nullable fields may be absent in JSONL (JSON writers often drop nulls); required ones
    may not. A propensity must lie in (0, 1]: zero would make the row's importance weight
    infinite, above one is not a probability.
    """
    if not isinstance(raw, Mapping):
        raise LogFormatError(f"{where}: a row must be a JSON object, got {type(raw).__name__}")
    row = _Row(raw, where)
    decision_id = row.text("decision_id", row.required("decision_id"))
    row.where = f"{where} (decision {decision_id})"
    missing = [name for name in REQUIRED_FIELDS if name not in row.fields]
    if len(missing) > 1:
        raise LogFormatError(f"{row.where}: fields {', '.join(repr(m) for m in missing)} are missing")

    candidates_raw = row.json_value("candidates", row.required("candidates"))
    if not isinstance(candidates_raw, list):
        raise row.fail("candidates", f"must be a JSON array, got {type(candidates_raw).__name__}")
    candidates: list[Candidate] = []
    seen: set[str] = set()
    for i, item in enumerate(candidates_raw):
        name = f"candidates[{i}]"
        if not isinstance(item, Mapping):
            raise row.fail(name, f"must be an object, got {type(item).__name__}")
        if item.get("id") is None:
            raise row.fail(f"{name}.id", "is missing")
        cid = row.text(f"{name}.id", item["id"])
        if cid == NOT_NOW:
            raise row.fail(f"{name}.id", f"uses the reserved id '{NOT_NOW}'")
        if cid in seen:
            raise row.fail(f"{name}.id", f"repeats candidate id {cid!r}")
        seen.add(cid)
        candidates.append(
            Candidate(
                id=cid,
                kind=str(item.get("kind") or ""),
                category=str(item.get("category") or ""),
                features=row.features(f"{name}.features", item.get("features") or {}),
            )
        )

    chosen_id = row.text("chosen_id", row.required("chosen_id"))
    if chosen_id != NOT_NOW and chosen_id not in seen:
        raise row.fail("chosen_id", f"is {chosen_id!r}, which is neither a candidate id nor '{NOT_NOW}'")

    propensity = row.number("propensity", row.required("propensity"))
    if not 0.0 < propensity <= 1.0:
        raise row.fail("propensity", f"must be in (0, 1], got {propensity!r}")

    shadow_chosen = row.optional("shadow_chosen_id")
    shadow_policy = row.optional("shadow_policy")
    shadow_propensity = row.optional("shadow_propensity")
    if shadow_chosen is not None:
        shadow_chosen = row.text("shadow_chosen_id", shadow_chosen)
        if shadow_chosen != NOT_NOW and shadow_chosen not in seen:
            raise row.fail("shadow_chosen_id", f"is {shadow_chosen!r}, which is neither a candidate id nor '{NOT_NOW}'")
        if shadow_policy is None:
            raise row.fail("shadow_policy", "is null although shadow_chosen_id is set")
    if shadow_propensity is not None:
        shadow_propensity = row.number("shadow_propensity", shadow_propensity)
        if not 0.0 < shadow_propensity <= 1.0:
            raise row.fail("shadow_propensity", f"must be in (0, 1], got {shadow_propensity!r}")
    reward = row.optional("reward")
    rewarded_at = row.optional("rewarded_at")
    shadow_version = row.optional("shadow_policy_version")

    return Decision(
        decision_id=decision_id,
        person_key=row.text("person_key", row.required("person_key")),
        decided_at=row.timestamp("decided_at", row.required("decided_at")),
        context=row.features("context", row.required("context")),
        candidates=tuple(candidates),
        chosen_id=chosen_id,
        propensity=propensity,
        policy=row.text("policy", row.required("policy")),
        policy_version=row.text("policy_version", row.required("policy_version")),
        shadow_policy=row.text("shadow_policy", shadow_policy) if shadow_policy is not None else None,
        shadow_policy_version=row.text("shadow_policy_version", shadow_version) if shadow_version is not None else None,
        shadow_chosen_id=shadow_chosen,
        shadow_propensity=shadow_propensity,
        reward=row.number("reward", reward) if reward is not None else None,
        rewarded_at=row.timestamp("rewarded_at", rewarded_at) if rewarded_at is not None else None,
    )


def _finish(decisions: list[Decision]) -> list[Decision]:
    """Time order (ties by id) so both sources give the same rows in the same order."""
    ids: set[str] = set()
    for d in decisions:
        if d.decision_id in ids:
            raise LogFormatError(f"decision {d.decision_id}: field 'decision_id' is not unique")
        ids.add(d.decision_id)
    return sorted(decisions, key=lambda d: (d.decided_at, d.decision_id))


def parse_rows(rows: Iterable[Mapping[str, Any]]) -> list[Decision]:
    """Validate rows already in memory (tests, the synthetic generator)."""
    return _finish([parse_decision(raw, f"row {i + 1}") for i, raw in enumerate(rows)])


def read_jsonl(path: str | Path, progress: ProgressFactory = SILENT) -> list[Decision]:
    """One decision per line; blank lines are ignored; errors name the line number."""
    path = Path(path)
    if not path.is_file():
        raise LogFormatError(f"{path}: no such file")
    with path.open("rb") as handle:
        total = sum(1 for _ in handle)
    decisions: list[Decision] = []
    with path.open("r", encoding="utf-8") as handle, progress(total, "load jsonl") as bar:
        for number, line in enumerate(handle, start=1):
            bar.update()
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                raise LogFormatError(
                    f"{path.name} line {number}: malformed JSON ({error.msg} at column {error.colno})"
                ) from None
            decisions.append(parse_decision(raw, f"{path.name} line {number}"))
    return _finish(decisions)


def _connect(dsn: str) -> Any:
    import psycopg2

    try:
        return psycopg2.connect(dsn)
    except psycopg2.Error as error:
        raise LogFormatError(f"cannot connect to {dsn!r}: {str(error).strip()}") from None


def check_table(connection: Any, schema: str, table: str = DEFAULT_TABLE) -> None:
    """Refuse a table that lacks a contract column before reading any row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "select column_name from information_schema.columns where table_schema = %s and table_name = %s",
            (schema, table),
        )
        present = {name for (name,) in cursor.fetchall()}
    if not present:
        raise LogFormatError(f"table {schema}.{table} does not exist (or has no columns)")
    missing = [c for c in COLUMNS if c not in present]
    if missing:
        raise LogFormatError(f"table {schema}.{table}: missing column(s) {', '.join(missing)}")


def iter_postgres_rows(
    dsn: str, schema: str = "public", table: str = DEFAULT_TABLE, progress: ProgressFactory = SILENT
) -> Iterator[dict[str, Any]]:
    """Stream raw rows through a server-side (named) cursor so memory stays flat."""
    from psycopg2 import sql

    connection = _connect(dsn)
    try:
        check_table(connection, schema, table)
        source = sql.Identifier(schema, table)
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("select count(*) from {}").format(source))
            (total,) = cursor.fetchone()
        query = sql.SQL("select {} from {} order by decided_at, decision_id").format(
            sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS), source
        )
        with connection.cursor(name="oo_decision_log_reader") as cursor, progress(total, "load postgres") as bar:
            cursor.itersize = 5000
            cursor.execute(query)
            for values in cursor:
                bar.update()
                yield {name: (str(v) if name == "decision_id" else v) for name, v in zip(COLUMNS, values)}
    finally:
        connection.close()


def read_postgres(
    dsn: str, schema: str = "public", table: str = DEFAULT_TABLE, progress: ProgressFactory = SILENT
) -> list[Decision]:
    """A snapshot schema (or `public`, the live table) as validated decisions."""
    import psycopg2

    try:
        return _finish(
            [
                parse_decision(raw, f"{schema}.{table} row {i + 1}")
                for i, raw in enumerate(iter_postgres_rows(dsn, schema, table, progress))
            ]
        )
    except psycopg2.Error as error:
        raise LogFormatError(f"reading {schema}.{table} failed: {str(error).strip()}") from None


def write_jsonl(decisions: Iterable[Decision], path: str | Path) -> int:
    """Write decisions in the exporter's format; returns the number of lines."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        for decision in decisions:
            handle.write(json.dumps(decision.as_row(), separators=(",", ":")) + "\n")
            count += 1
    return count

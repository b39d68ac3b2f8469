"""Bad input fails with the row and the field named; both field spellings are accepted."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipelines.io import LogFormatError, parse_rows, read_jsonl


def row(**changes: Any) -> dict[str, Any]:
    base = {
        "decision_id": "7a3c6f9e-0000-4000-8000-000000000001",
        "person_key": "p-1",
        "decided_at": "2025-03-01T08:00:00Z",
        "context": {"moodMean7d": 3.5},
        "candidates": [
            {"id": "a", "kind": "advice", "category": "break", "features": {"chars": 0.4}},
            {"id": "b", "kind": "todo", "category": "focus", "features": {}},
        ],
        "chosen_id": "a",
        "propensity": 0.5,
        "policy": "linear-ts",
        "policy_version": "1",
        "reward": 1.0,
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def write(tmp_path: Path, rows: list[Any]) -> Path:
    path = tmp_path / "log.jsonl"
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_missing_field_names_the_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, [row(), row(decision_id="x-2", propensity=...)])
    with pytest.raises(LogFormatError, match=r"line 2 \(decision x-2\): field 'propensity' is missing"):
        read_jsonl(path)


def test_zero_propensity_is_refused_with_row_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, [row(propensity=0)])
    with pytest.raises(LogFormatError, match=r"line 1 .*field 'propensity' must be in \(0, 1\], got 0"):
        read_jsonl(path)


def test_propensity_above_one_is_refused() -> None:
    with pytest.raises(LogFormatError, match=r"row 1 .*field 'propensity' must be in \(0, 1\], got 1.5"):
        parse_rows([row(propensity=1.5)])


def test_malformed_json_line_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, [row(), '{"decision_id": "x", "propensity": 0.5,'])
    with pytest.raises(LogFormatError, match=r"log.jsonl line 2: malformed JSON"):
        read_jsonl(path)


def test_malformed_json_inside_a_jsonb_field_names_the_field() -> None:
    with pytest.raises(LogFormatError, match=r"field 'context' holds malformed JSON"):
        parse_rows([row(context='{"mood": ')])


def test_chosen_id_outside_the_candidates_is_refused() -> None:
    with pytest.raises(LogFormatError, match=r"field 'chosen_id' is 'zzz'"):
        parse_rows([row(chosen_id="zzz")])


def test_non_numeric_context_value_names_the_feature() -> None:
    with pytest.raises(LogFormatError, match=r"field 'context.moodMean7d' must be a finite number"):
        parse_rows([row(context={"moodMean7d": "happy"})])


def test_null_in_a_not_null_column_is_refused() -> None:
    with pytest.raises(LogFormatError, match=r"field 'policy' is null"):
        parse_rows([row(policy=None)])


def test_shadow_choice_without_shadow_policy_is_refused() -> None:
    with pytest.raises(LogFormatError, match=r"field 'shadow_policy' is null"):
        parse_rows([row(shadow_chosen_id="b")])


def test_duplicate_decision_ids_are_refused() -> None:
    with pytest.raises(LogFormatError, match="not unique"):
        parse_rows([row(), row()])


def test_camel_case_fields_read_like_snake_case() -> None:
    camel = {
        "decisionId": "d-1", "personKey": "p-1", "decidedAt": "2025-03-01T08:00:00+00:00",
        "context": {"x": 1}, "candidates": [{"id": "a", "kind": "todo", "category": "habit"}],
        "chosenId": "a", "propensity": 1, "policy": "p", "policyVersion": 3,
        "shadowPolicy": "s", "shadowChosenId": "a", "shadowPropensity": 0.4, "reward": 0,
    }
    (decision,) = parse_rows([camel])
    assert (decision.decision_id, decision.policy_version, decision.shadow_chosen_id, decision.reward) == ("d-1", "3", "a", 0.0)


def test_json_encoded_context_and_candidates_are_accepted() -> None:
    (decision,) = parse_rows([row(context='{"x": 2}', candidates='[{"id": "a", "kind": "todo", "category": "habit"}]')])
    assert decision.context == {"x": 2.0} and decision.candidates[0].category == "habit"


def test_rows_come_back_in_time_order() -> None:
    rows = [row(decision_id="late", decided_at="2025-03-02T00:00:00Z"), row(decision_id="early")]
    assert [d.decision_id for d in parse_rows(rows)] == ["early", "late"]

"""Reading a real PostgreSQL snapshot schema gives what the JSONL path gives."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipelines import export_log
from pipelines.io import LogFormatError, read_jsonl, read_postgres
from pipelines.simulate import Settings, run
from pipelines.tests.conftest import DSN, insert_rows

SETTINGS = Settings(policies=("uniform", "epsilon-greedy:eps=0.2"), n_resamples=200, seed=3)


def _estimates(summary: dict[str, Any]) -> dict[str, Any]:
    return {"incumbent": summary["incumbent"], "policies": summary["policies"], "shadow": summary["shadow"]}


def test_postgres_schema_and_exported_jsonl_give_the_same_estimates(
    pg_schema: tuple[Any, str], log_rows: list[dict[str, Any]], tmp_path: Path
) -> None:
    connection, schema = pg_schema
    insert_rows(connection, schema, log_rows)
    from_db = run(read_postgres(DSN, schema), SETTINGS, {"kind": "postgresql"})
    out = tmp_path / "log.jsonl"
    assert export_log.main(["--dsn", DSN, "--schema", schema, "--out", str(out), "--no-progress"]) == 0
    from_file = run(read_jsonl(out), SETTINGS, {"kind": "jsonl"})
    assert _estimates(from_db.summary) == _estimates(from_file.summary)


def test_postgres_rows_match_the_rows_inserted(pg_schema: tuple[Any, str], log_rows: list[dict[str, Any]]) -> None:
    connection, schema = pg_schema
    insert_rows(connection, schema, log_rows[:50])
    decisions = read_postgres(DSN, schema)
    by_id = {d.decision_id: d for d in decisions}
    for raw in log_rows[:50]:
        d = by_id[raw["decision_id"]]
        assert (d.chosen_id, d.propensity, d.reward, [c.id for c in d.candidates]) == (
            raw["chosen_id"], raw["propensity"], raw["reward"], [c["id"] for c in raw["candidates"]]
        )


def test_table_missing_a_contract_column_is_refused_naming_it(pg_schema: tuple[Any, str]) -> None:
    connection, schema = pg_schema
    with connection.cursor() as cursor:
        cursor.execute(f"alter table {schema}.decision_log drop column propensity")
    connection.commit()
    with pytest.raises(LogFormatError, match=rf"{schema}.decision_log: missing column\(s\) propensity"):
        read_postgres(DSN, schema)


def test_missing_schema_is_refused_naming_the_table() -> None:
    with pytest.raises(LogFormatError, match=r"no_such_schema_x.decision_log does not exist"):
        read_postgres(DSN, "no_such_schema_x")


def test_bad_propensity_in_the_database_names_the_decision(pg_schema: tuple[Any, str], log_rows: list[dict[str, Any]]) -> None:
    connection, schema = pg_schema
    bad = dict(log_rows[0], propensity=0.0)
    insert_rows(connection, schema, [bad])
    with pytest.raises(LogFormatError, match=rf"decision {bad['decision_id']}\): field 'propensity' must be in"):
        read_postgres(DSN, schema)

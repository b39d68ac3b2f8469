"""Shared fixtures: a synthetic world and a throwaway schema in the local PostgreSQL."""
from __future__ import annotations

import json
import uuid
from typing import Any, Iterator

import psycopg2
import pytest

from pipelines.synthetic import SyntheticWorld, make_world

DSN = "postgresql://postgres@127.0.0.1:5432/test"

DECISION_LOG_DDL = """
create table {schema}.decision_log (
    decision_id uuid primary key,
    person_key text not null,
    decided_at timestamptz not null,
    context jsonb not null,
    candidates jsonb not null,
    chosen_id text not null,
    propensity double precision not null,
    policy text not null,
    policy_version text not null,
    shadow_policy text,
    shadow_policy_version text,
    shadow_chosen_id text,
    shadow_propensity double precision,
    reward double precision,
    rewarded_at timestamptz
)
"""

COLUMNS = (
    "decision_id", "person_key", "decided_at", "context", "candidates", "chosen_id", "propensity", "policy",
    "policy_version", "shadow_policy", "shadow_policy_version", "shadow_chosen_id", "shadow_propensity",
    "reward", "rewarded_at",
)


@pytest.fixture(scope="session")
def world() -> SyntheticWorld:
    return make_world(seed=3, not_now=True)


@pytest.fixture(scope="session")
def log_rows(world: SyntheticWorld) -> list[dict[str, Any]]:
    return world.rows(1500, seed=11, missing_reward=0.1)


def insert_rows(connection: Any, schema: str, rows: list[dict[str, Any]]) -> None:
    with connection.cursor() as cursor:
        for row in rows:
            values = [
                json.dumps(row[c]) if c in ("context", "candidates") else row[c] for c in COLUMNS
            ]
            cursor.execute(
                f"insert into {schema}.decision_log ({', '.join(COLUMNS)}) values ({', '.join(['%s'] * len(COLUMNS))})",
                values,
            )
    connection.commit()


@pytest.fixture
def pg_schema() -> Iterator[tuple[Any, str]]:
    """A uniquely named schema with an empty decision_log, dropped afterwards."""
    schema = f"oo_pipelines_test_{uuid.uuid4().hex[:10]}"
    connection = psycopg2.connect(DSN)
    with connection.cursor() as cursor:
        cursor.execute(f"create schema {schema}")
        cursor.execute(DECISION_LOG_DDL.format(schema=schema))
    connection.commit()
    try:
        yield connection, schema
    finally:
        connection.rollback()
        with connection.cursor() as cursor:
            cursor.execute(f"drop schema {schema} cascade")
        connection.commit()
        connection.close()

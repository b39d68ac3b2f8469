"""Export a decision_log table (live or an as-of snapshot schema) to JSONL.

    python3 -m pipelines.export_log --dsn postgresql://postgres@127.0.0.1:5432/oo --schema asof_2025_06_01 --out log.jsonl

A file travels to a laptop, sits next to a report as the exact input it was made from, and
is read back by `pipelines.simulate --input` to the same estimates. Rows are validated on
the way out, so a broken snapshot fails here with the row and field named.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .io import DEFAULT_TABLE, LogFormatError, read_postgres, write_jsonl
from .progress import ProgressFactory


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m pipelines.export_log", description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", required=True, help="PostgreSQL DSN")
    parser.add_argument("--schema", default="public", help="schema holding decision_log")
    parser.add_argument("--table", default=DEFAULT_TABLE)
    parser.add_argument("--out", required=True, type=Path, help="JSONL file to write")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    try:
        decisions = read_postgres(args.dsn, args.schema, args.table, ProgressFactory(enabled=not args.no_progress))
        count = write_jsonl(decisions, args.out)
    except (LogFormatError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {count} decisions from {args.schema}.{args.table} to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Durable model state in ``OO_ML_STATE_DIR``: an atomic snapshot plus an append-only journal.

Every rank and reward appends one small JSON line to ``journal.jsonl`` (cheap, so state is
persisted after each update); every ``snapshot_every`` records, and at shutdown, the whole state
is written to ``snapshot.npz`` through a temporary file and ``os.replace`` and the journal starts
again. Loading reads the snapshot and replays the journal records written after it. Records carry
a sequence number and the snapshot remembers the last one it includes, so a crash between the
snapshot and the journal reset replays nothing twice; a torn last line (a crash mid-write) is
skipped.

Lines are flushed to the operating system at once: they survive a crash of this process. They are
fsynced only with the snapshot, so a power cut can lose the last few records, never the model.

Nothing personal is written here: feature vectors, propensities and ids only; no tip text, no
task title, no person key.
"""

import io
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, TextIO

import numpy as np

log = logging.getLogger("oo.ml.serving.state")

SNAPSHOT_FILE = "snapshot.npz"
JOURNAL_FILE = "journal.jsonl"
_META_KEY = "__meta__"


@dataclass
class Loaded:
    """What a state directory held: the last snapshot (if any) and the journal records after it."""

    meta: Optional[Dict[str, Any]] = None
    arrays: Dict[str, np.ndarray] = field(default_factory=dict)
    records: List[Dict[str, Any]] = field(default_factory=list)


class StateStore:
    """One writer's view of a state directory (a second process on the same directory is not
    supported: the Java side starts exactly one ml/serving per directory)."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.snapshot_path = self.directory / SNAPSHOT_FILE
        self.journal_path = self.directory / JOURNAL_FILE
        self.seq = 0
        self.records_since_snapshot = 0
        self._journal: Optional[TextIO] = None

    def load(self) -> Loaded:
        loaded = Loaded()
        snapshot_seq = 0
        if self.snapshot_path.exists():
            try:
                loaded.meta, loaded.arrays = self._read_snapshot()
                snapshot_seq = int(loaded.meta.get("journalSeq", 0))
            except (OSError, ValueError, KeyError) as error:
                aside = self._set_aside(self.snapshot_path)
                log.warning("unreadable snapshot moved to %s (%s); starting from the journal alone", aside.name, error)
                loaded = Loaded()
        loaded.records = [r for r in self._read_journal() if int(r["seq"]) > snapshot_seq]
        self.seq = max([snapshot_seq] + [int(r["seq"]) for r in loaded.records])
        self.records_since_snapshot = len(loaded.records)
        return loaded

    def append(self, record: str) -> None:
        """Add one record (the JSON text of an object) to the journal, numbered, and hand it to
        the operating system."""
        if not record.startswith("{") or record == "{}":
            raise ValueError("a journal record is a non-empty JSON object")
        self.seq += 1
        line = f'{{"seq":{self.seq},{record[1:]}'
        journal = self._open_journal()
        journal.write(line + "\n")
        journal.flush()
        self.records_since_snapshot += 1

    def write_snapshot(self, meta: Dict[str, Any], arrays: Dict[str, np.ndarray]) -> None:
        """Write the whole state atomically, then start an empty journal."""
        payload = dict(arrays)
        # UTF-8 bytes, not a numpy string: numpy stores text as UTF-32, four times the size.
        encoded = json.dumps({**meta, "journalSeq": self.seq}, separators=(",", ":"), allow_nan=False).encode("utf-8")
        payload[_META_KEY] = np.frombuffer(encoded, dtype=np.uint8)
        buffer = io.BytesIO()
        np.savez(buffer, **payload)
        self._write_atomically(self.snapshot_path, buffer.getvalue())
        self._close_journal()
        self._write_atomically(self.journal_path, b"")
        self.records_since_snapshot = 0

    def close(self) -> None:
        self._close_journal()

    def _read_snapshot(self) -> "tuple[Dict[str, Any], Dict[str, np.ndarray]]":
        with np.load(self.snapshot_path, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files if name != _META_KEY}
            meta = json.loads(archive[_META_KEY].tobytes().decode("utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("snapshot metadata is not an object")
        return meta, arrays

    def _read_journal(self) -> List[Dict[str, Any]]:
        if not self.journal_path.exists():
            return []
        records = []
        with self.journal_path.open("r", encoding="utf-8") as journal:
            for number, line in enumerate(journal, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    int(record["seq"])
                except (ValueError, KeyError, TypeError):
                    log.warning("skipping unreadable journal line %d", number)
                    continue
                records.append(record)
        return records

    def _open_journal(self) -> TextIO:
        if self._journal is None:
            self._journal = self.journal_path.open("a", encoding="utf-8")
        return self._journal

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def _write_atomically(self, path: Path, data: bytes) -> None:
        temporary = path.with_name(path.name + ".tmp")
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        directory = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    def _set_aside(self, path: Path) -> Path:
        n = 1
        while (aside := path.with_name(f"{path.name}.corrupt-{n}")).exists():
            n += 1
        os.replace(path, aside)
        return aside

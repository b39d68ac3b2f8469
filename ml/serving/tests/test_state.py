import uuid
from pathlib import Path

import numpy as np

from serving.decisions import DecisionService
from serving.state import JOURNAL_FILE, SNAPSHOT_FILE, StateStore

from .helpers import THREE_CANDIDATES

CONTEXT = {"tasksOverdue": 1}


def decide_and_reward(service: DecisionService, reward: float = 1.0) -> str:
    decision = str(uuid.uuid4())
    service.rank(decision, CONTEXT, THREE_CANDIDATES, False)
    service.reward(decision, reward)
    return decision


def test_a_torn_last_journal_line_is_skipped(tmp_path: Path):
    service = DecisionService.open(StateStore(tmp_path))
    decide_and_reward(service)
    with (tmp_path / JOURNAL_FILE).open("a") as journal:
        journal.write('{"seq": 99, "op": "rew')
    reopened = DecisionService.open(StateStore(tmp_path))
    assert reopened.incumbent.updates == 1


def test_an_unreadable_snapshot_is_set_aside_and_the_service_still_starts(tmp_path: Path):
    (tmp_path / SNAPSHOT_FILE).write_bytes(b"not a zip file")
    service = DecisionService.open(StateStore(tmp_path))
    assert service.incumbent.updates == 0
    assert (tmp_path / f"{SNAPSHOT_FILE}.corrupt-1").exists()


def test_the_journal_is_folded_into_a_snapshot_every_few_records(tmp_path: Path):
    service = DecisionService.open(StateStore(tmp_path), snapshot_every=4)
    for _ in range(3):
        decide_and_reward(service)
    assert (tmp_path / SNAPSHOT_FILE).exists()
    assert len((tmp_path / JOURNAL_FILE).read_text().splitlines()) == 2
    assert DecisionService.open(StateStore(tmp_path)).incumbent.updates == 3


def test_records_already_in_the_snapshot_are_not_replayed_twice(tmp_path: Path):
    service = DecisionService.open(StateStore(tmp_path))
    decide_and_reward(service)
    journal = (tmp_path / JOURNAL_FILE).read_text()
    service.snapshot()
    # A crash between the snapshot and the journal reset leaves the old lines behind.
    (tmp_path / JOURNAL_FILE).write_text(journal)
    assert DecisionService.open(StateStore(tmp_path)).incumbent.updates == 1


def test_restored_posteriors_equal_the_live_ones(tmp_path: Path):
    service = DecisionService.open(StateStore(tmp_path))
    for reward in (1.0, 0.0, 0.5):
        decide_and_reward(service, reward)
    service.close()
    restored = DecisionService.open(StateStore(tmp_path))
    assert np.array_equal(restored.incumbent.A, service.incumbent.A)
    assert np.array_equal(restored.shadow.b, service.shadow.b)


def test_the_pending_store_is_bounded(tmp_path: Path):
    service = DecisionService.open(StateStore(tmp_path), max_pending=5)
    decisions = [str(uuid.uuid4()) for _ in range(8)]
    for decision in decisions:
        service.rank(decision, CONTEXT, THREE_CANDIDATES, False)
    assert list(service.pending) == decisions[3:]

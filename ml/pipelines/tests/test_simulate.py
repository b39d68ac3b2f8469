"""The simulation as a whole: split, replay detection, shadow matching and the gate on data."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pipelines.io import parse_rows
from pipelines.simulate import Settings, match_shadow, run
from pipelines.synthetic import make_world

FAST = dict(n_resamples=200, seed=1)


@pytest.fixture(scope="module")
def uniform_log() -> list:
    return parse_rows(make_world(seed=8, uniform_logging=True).rows(1200, seed=2))


def test_replay_is_reported_when_the_log_is_uniformly_random(uniform_log: list) -> None:
    summary = run(uniform_log, Settings(policies=("category-prior:break=3",), **FAST), {}).summary
    assert summary["uniformLogging"]["detected"] and "replay" in summary["policies"]["category-prior:break=3"]["estimators"]


def test_replay_is_left_out_when_the_log_is_not_uniform(log_rows: list[dict[str, Any]]) -> None:
    summary = run(parse_rows(log_rows), Settings(policies=("uniform",), **FAST), {}).summary
    assert not summary["uniformLogging"]["detected"] and "replay" not in summary["policies"]["uniform"]["estimators"]


def test_declaring_uniform_logging_on_a_non_uniform_log_warns(log_rows: list[dict[str, Any]]) -> None:
    summary = run(parse_rows(log_rows), Settings(policies=("uniform",), uniform_logging="yes", **FAST), {}).summary
    assert any("uniform logging was declared" in w for w in summary["warnings"])


def test_learning_policies_are_judged_only_on_decisions_after_their_training(log_rows: list[dict[str, Any]]) -> None:
    summary = run(parse_rows(log_rows), Settings(policies=("greedy-reward-model",), **FAST), {}).summary
    counts = summary["counts"]
    assert counts["training"] == 750 and counts["evaluation"] == 750
    assert summary["period"]["trainEvaluationCutoff"] is not None
    assert summary["policies"]["greedy-reward-model"]["estimators"]["dr"]["n"] == counts["evaluationRewarded"]


def test_policies_that_do_not_learn_are_judged_on_the_whole_log(log_rows: list[dict[str, Any]]) -> None:
    summary = run(parse_rows(log_rows), Settings(policies=("uniform",), **FAST), {}).summary
    assert summary["counts"]["training"] == 0 and summary["counts"]["evaluation"] == len(log_rows)


def test_shadow_run_is_matched_by_base_name_latest_version_first() -> None:
    labels = {"lints@1": ("lints", "1"), "lints@2": ("lints", "2"), "other@1": ("other", "1")}
    seen = {"lints@1": np.datetime64("2025-01-02"), "lints@2": np.datetime64("2025-02-01"), "other@1": np.datetime64("2025-03-01")}
    assert match_shadow("lints", labels, seen, {}) == "lints@2"
    assert match_shadow("epsilon-greedy:eps=0.1", labels, seen, {"epsilon-greedy:eps=0.1": "other"}) == "other@1"
    assert match_shadow("uniform", labels, seen, {}) is None


def test_a_better_candidate_with_an_agreeing_shadow_is_promoted_and_uniform_is_not() -> None:
    world = make_world(seed=0, n_candidates=3, logging_temperature=0.3, shadow_temperature=0.05)
    assert world.true_value(world.shadow) > world.true_value(world.logging)
    decisions = parse_rows(world.rows(6000, seed=0, shadow_policy="softmax-reward-model"))
    summary = run(decisions, Settings(policies=("softmax-reward-model:tau=0.05", "uniform"), **FAST), {}).summary
    assert summary["gate"]["promote"] == ["softmax-reward-model:tau=0.05"]


def test_incumbent_value_interval_covers_the_logging_policys_true_value() -> None:
    world = make_world(seed=6)
    summary = run(parse_rows(world.rows(3000, seed=4)), Settings(policies=("uniform",), **FAST), {}).summary
    inc = summary["incumbent"]
    assert inc["ciLow"] <= world.true_value(world.logging) <= inc["ciHigh"]

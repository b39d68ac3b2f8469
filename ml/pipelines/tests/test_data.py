"""How decisions become arrays: rewards of not-now and of unanswered decisions, the action set."""
from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from pipelines import data as data_module
from pipelines.estimators import snips
from pipelines.io import parse_rows
from pipelines.policies import normalise


def rows() -> list[dict[str, Any]]:
    def one(i: int, chosen: str, reward: float | None, candidates: int = 2) -> dict[str, Any]:
        return {
            "decision_id": f"d{i}", "person_key": "p", "decided_at": f"2025-03-0{i + 1}T08:00:00Z",
            "context": {"x": i}, "chosen_id": chosen, "propensity": 0.5, "policy": "ts", "policy_version": "1",
            "candidates": [{"id": f"c{j}", "kind": "todo", "category": "habit"} for j in range(candidates)],
            "reward": reward,
        }
    return [one(0, "c0", 1.0), one(1, "not-now", None, 3), one(2, "c1", None)]


def test_not_now_decision_counts_with_the_configured_reward_without_a_reaction() -> None:
    data = data_module.build(parse_rows(rows()), not_now_reward=-0.1)
    assert data.reward[1] == -0.1


def test_decision_without_reaction_has_no_reward() -> None:
    data = data_module.build(parse_rows(rows()))
    assert np.isnan(data.reward[2]) and data.rewarded.tolist() == [True, True, False]


def test_not_now_is_an_action_of_every_decision_once_any_chose_it() -> None:
    data = data_module.build(parse_rows(rows()))
    assert data.not_now.sum(axis=1).tolist() == [1, 1, 1] and data.mask.sum(axis=1).tolist() == [3, 4, 3]


def test_without_not_now_choices_there_is_no_not_now_action() -> None:
    data = data_module.build(parse_rows([r for r in rows() if r["chosen_id"] != "not-now"]))
    assert not data.not_now.any()


@settings(max_examples=60, deadline=None)
@given(arrays(float, (6, 4), elements=st.floats(0, 10)), arrays(bool, (6, 4)))
def test_normalised_policy_rows_sum_to_one_and_stay_inside_the_mask(weights: np.ndarray, mask: np.ndarray) -> None:
    mask[:, 0] = True
    pi = normalise(weights, mask)
    assert np.allclose(pi.sum(axis=1), 1.0) and (pi[~mask] == 0).all()


@settings(max_examples=60, deadline=None)
@given(
    arrays(float, 20, elements=st.floats(0.01, 1.0)),
    arrays(float, 20, elements=st.floats(-1.0, 1.0)),
    arrays(float, 20, elements=st.floats(0.001, 1.0)),
)
def test_snips_stays_within_the_observed_reward_range(pi_logged: np.ndarray, reward: np.ndarray, propensity: np.ndarray) -> None:
    pi = pi_logged[:, None]
    value = snips(pi, np.zeros(20, int), propensity, reward).value()
    assert reward.min() - 1e-9 <= value <= reward.max() + 1e-9

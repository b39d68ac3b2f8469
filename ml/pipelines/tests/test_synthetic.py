from __future__ import annotations

import numpy as np
import pytest

from pipelines.io import parse_rows
from pipelines.synthetic import make_world


def test_true_value_of_a_one_hot_policy_is_the_weighted_reward_of_its_action() -> None:
    world = make_world(seed=1)
    first = np.zeros_like(world.logging)
    first[:, 0] = 1.0
    assert world.true_value(first) == pytest.approx(float(world.situation_weights @ world.true_reward[:, 0]))


def test_logged_propensities_are_the_logging_policy_probabilities() -> None:
    world = make_world(seed=1)
    log = world.sample(300, seed=2)
    assert np.allclose(log.data.propensity, world.logging[log.situation, log.data.logged])


def test_generated_rows_pass_the_contract_checks_in_both_spellings() -> None:
    world = make_world(seed=1, not_now=True)
    snake = parse_rows(world.rows(200, seed=5))
    camel = parse_rows(world.rows(200, seed=5, camel_case=True))
    assert [d.chosen_id for d in snake] == [d.chosen_id for d in camel] and len(snake) == 200


def test_not_now_decisions_carry_no_reaction() -> None:
    rows = make_world(seed=1, not_now=True).rows(500, seed=5)
    assert all(r["reward"] is None for r in rows if r["chosen_id"] == "not-now")

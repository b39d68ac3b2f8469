"""Candidate policies give valid action probabilities and mean what their specs say."""
from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pipelines import data as data_module
from pipelines.io import parse_rows
from pipelines.policies import PolicyOptions, PolicySpecError, make_policy, parse_spec


@pytest.fixture(scope="module")
def data(log_rows: list[dict[str, Any]]) -> data_module.LoggedData:
    return data_module.build(parse_rows(log_rows))


def _valid(pi: np.ndarray, data: data_module.LoggedData, rows: np.ndarray) -> bool:
    return bool(np.allclose(pi.sum(axis=1), 1.0) and (pi[~data.mask[rows]] == 0).all() and (pi >= 0).all())


def test_spec_parameters_are_parsed() -> None:
    assert parse_spec("category-prior:break=2, focus=0.5") == ("category-prior", {"break": "2", "focus": "0.5"})


def test_bad_parameter_is_refused_naming_the_spec() -> None:
    with pytest.raises(PolicySpecError, match=r"epsilon-greedy:eps=2.*within \[0.0, 1.0\]"):
        make_policy("epsilon-greedy:eps=2")


def test_unknown_parameter_is_refused() -> None:
    with pytest.raises(PolicySpecError, match="unknown parameter"):
        make_policy("uniform:x=1")


def test_uniform_spreads_mass_over_every_available_action(data: data_module.LoggedData) -> None:
    rows = np.arange(100)
    pi = make_policy("uniform").probabilities(data, rows)
    assert _valid(pi, data, rows) and np.allclose(pi[data.mask[rows]], 1.0 / data.mask[rows].sum(axis=1).repeat(data.mask[rows].sum(axis=1)))


def test_category_prior_weights_categories(data: data_module.LoggedData) -> None:
    rows = np.arange(200)
    pi = make_policy("category-prior:break=3,not-now=0").probabilities(data, rows)
    cats = data.categories[rows]
    others = data.mask[rows] & (cats != "break") & (cats != "not-now")
    both = (cats == "break").any(axis=1) & others.any(axis=1)
    t = np.flatnonzero(both)[0]
    assert _valid(pi, data, rows)
    assert pi[t][cats[t] == "break"][0] == pytest.approx(3 * pi[t][others[t]][0])
    assert (pi[cats == "not-now"] == 0).all()


def test_epsilon_greedy_keeps_epsilon_spread_over_all_actions(data: data_module.LoggedData) -> None:
    policy = make_policy("epsilon-greedy:eps=0.2")
    policy.fit(data, np.arange(800))
    rows = np.arange(800, 1000)
    pi = policy.probabilities(data, rows)
    k = data.mask[rows].sum(axis=1)
    assert _valid(pi, data, rows) and np.allclose(pi.max(axis=1), 0.8 + 0.2 / k)


def test_softmax_reward_model_is_stochastic_and_greedy_is_not(data: data_module.LoggedData) -> None:
    rows = np.arange(800, 1000)
    soft, greedy = make_policy("softmax-reward-model:tau=0.5"), make_policy("greedy-reward-model")
    for p in (soft, greedy):
        p.fit(data, np.arange(800))
    assert (soft.probabilities(data, rows) > 0).sum() > (greedy.probabilities(data, rows) > 0).sum()


def test_learning_policy_refuses_to_act_before_fitting(data: data_module.LoggedData) -> None:
    with pytest.raises(RuntimeError, match="fitted"):
        make_policy("greedy-reward-model").probabilities(data, np.arange(3))


def test_lints_policy_from_serving_gives_probabilities_over_the_actions(data: data_module.LoggedData) -> None:
    policy = make_policy("lints", PolicyOptions(lints_samples=64))
    policy.fit(data, np.arange(300))
    rows = np.arange(300, 360)
    assert _valid(policy.probabilities(data, rows), data, rows)


def test_lints_policy_loads_a_saved_state(data: data_module.LoggedData, tmp_path: Any) -> None:
    import json

    trained = make_policy("lints")
    trained.fit(data, np.arange(300))
    state = {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in trained.bandit.to_state().items()}
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state))
    loaded = make_policy("lints", PolicyOptions(lints_state=path))
    assert not loaded.learns
    rows = np.arange(300, 320)
    assert _valid(loaded.probabilities(data, rows), data, rows)


def test_doubly_robust_interval_covers_the_exact_value_of_a_fitted_policy() -> None:
    from pipelines.estimators import evaluate
    from pipelines.reward_model import cross_fit
    from pipelines.synthetic import make_world

    world = make_world(seed=9)
    log = data_module.build(parse_rows(world.rows(4000, seed=3, missing_reward=0.0)))
    policy = make_policy("softmax-reward-model:tau=0.1")
    train, test = np.arange(2000), np.arange(2000, 4000)
    policy.fit(log, train)
    situations = world.situations_with(log.vocabulary)
    truth = world.true_value(policy.probabilities(situations, np.arange(situations.n)))
    q_hat = cross_fit(log, test)
    result = evaluate(
        {"p": policy.probabilities(log, test)}, logged=log.logged[test], propensity=log.propensity[test],
        reward=log.reward[test], q_hat=q_hat, with_replay=False, n_resamples=500,
    )
    dr = result.policies["p"]["dr"]
    assert dr.ci_low <= truth <= dr.ci_high

"""Statistical behaviour of the estimators on synthetic logs with exactly known values."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from pipelines import estimators as E
from pipelines.reward_model import cross_fit
from pipelines.synthetic import make_world

REPLICATIONS = 150
DECISIONS = 1000
RESAMPLES = 300


@dataclass(frozen=True)
class Study:
    truth: float
    estimates: dict[str, np.ndarray]
    covered: dict[str, np.ndarray]


@pytest.fixture(scope="module")
def study() -> Study:
    """IPS, SNIPS and DR of one target policy over many independent logs of the same world."""
    world = make_world(seed=0)
    target = world.shadow
    truth = world.true_value(target)
    names = ("ips", "snips", "dr")
    estimates = {n: np.empty(REPLICATIONS) for n in names}
    covered = {n: np.empty(REPLICATIONS, bool) for n in names}
    for r in range(REPLICATIONS):
        log = world.sample(DECISIONS, seed=1000 + r)
        data = log.data
        q_hat = cross_fit(data, np.arange(data.n), seed=r)
        result = E.evaluate(
            {"target": target[log.situation]},
            logged=data.logged, propensity=data.propensity, reward=data.reward, q_hat=q_hat,
            with_replay=False, n_resamples=RESAMPLES, seed=r,
        )
        for n in names:
            e = result.policies["target"][n]
            estimates[n][r] = e.estimate
            covered[n][r] = e.ci_low <= truth <= e.ci_high
    return Study(truth, estimates, covered)


def _within_four_standard_errors(values: np.ndarray, truth: float) -> bool:
    return abs(values.mean() - truth) <= 4 * values.std(ddof=1) / np.sqrt(len(values)) + 1e-3


def test_ips_is_unbiased(study: Study) -> None:
    assert _within_four_standard_errors(study.estimates["ips"], study.truth)


def test_snips_is_unbiased(study: Study) -> None:
    assert _within_four_standard_errors(study.estimates["snips"], study.truth)


def test_doubly_robust_is_unbiased(study: Study) -> None:
    assert _within_four_standard_errors(study.estimates["dr"], study.truth)


@pytest.mark.parametrize("name", ["ips", "snips", "dr"])
def test_bootstrap_interval_covers_true_value_at_near_nominal_rate(study: Study, name: str) -> None:
    assert 0.85 <= study.covered[name].mean() <= 0.99


def test_doubly_robust_has_lower_variance_than_ips_with_a_good_reward_model(study: Study) -> None:
    assert study.estimates["dr"].var() < 0.9 * study.estimates["ips"].var()


def test_replay_is_unbiased_on_uniformly_logged_data() -> None:
    world = make_world(seed=5, uniform_logging=True)
    target = world.shadow
    values = []
    for r in range(REPLICATIONS):
        log = world.sample(DECISIONS, seed=5000 + r)
        assert E.is_uniform_logging(log.data.propensity, log.data.mask)
        values.append(E.replay(target[log.situation], log.data.logged, log.data.reward).value())
    assert _within_four_standard_errors(np.array(values), world.true_value(target))


def test_uniform_logging_is_not_detected_for_a_softmax_logger() -> None:
    log = make_world(seed=5).sample(200, seed=1)
    assert not E.is_uniform_logging(log.data.propensity, log.data.mask)


def test_on_policy_value_estimates_the_logging_policy() -> None:
    world = make_world(seed=2)
    log = world.sample(20000, seed=9)
    assert abs(E.on_policy(log.data.reward).value() - world.true_value(world.logging)) < 0.015


def test_effective_sample_size_of_equal_weights_is_their_count() -> None:
    assert E.effective_sample_size(np.full(50, 3.0)) == pytest.approx(50.0)


def test_effective_sample_size_of_one_dominant_weight_is_near_one() -> None:
    assert E.effective_sample_size(np.array([1000.0] + [0.001] * 99)) == pytest.approx(1.0, abs=0.01)


def test_agreement_splits_credit_between_tied_actions() -> None:
    pi = np.array([[0.5, 0.5, 0.0], [1.0, 0.0, 0.0]])
    mask = np.ones((2, 3), bool)
    assert E.agreement(pi, np.array([1, 0]), mask) == pytest.approx((0.5 + 1.0) / 2)


def test_doubly_robust_equals_direct_method_when_the_policy_never_matches_the_log() -> None:
    pi = np.array([[0.0, 1.0], [0.0, 1.0]])
    q = np.array([[0.2, 0.7], [0.4, 0.1]])
    result = E.doubly_robust(pi, q, np.array([0, 0]), np.array([0.5, 0.5]), np.array([1.0, 0.0]))
    assert result.value() == pytest.approx((0.7 + 0.1) / 2)

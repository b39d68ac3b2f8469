import numpy as np
import pytest

from serving.bandit import (
    PROPENSITY_FLOOR,
    EpsilonGreedyRidgePolicy,
    LinearPolicy,
    LinearThompsonPolicy,
    decision_rng,
)

from .helpers import THREE_CANDIDATES, candidate

CONTEXT = {"tasksOverdue": 2, "localHour": 9}


def trained_ts() -> LinearThompsonPolicy:
    """A policy that prefers the first candidate but not overwhelmingly."""
    policy = LinearThompsonPolicy(exploration=0.5)
    x = policy.features(CONTEXT, THREE_CANDIDATES)
    for row, reward in zip(x, [1.0, 0.5, 0.0]):
        policy.update(row, reward)
    return policy


def test_action_probabilities_sum_to_one_and_respect_the_floor():
    policy = trained_ts()
    for n in (1, 16, 256):
        p = policy.action_probabilities(CONTEXT, THREE_CANDIDATES, n_samples=n, rng=np.random.default_rng(n))
        assert p.shape == (3,)
        assert p.sum() == pytest.approx(1.0)
        assert p.min() >= PROPENSITY_FLOOR


def test_not_now_adds_one_last_action():
    policy = LinearThompsonPolicy()
    p = policy.action_probabilities(CONTEXT, THREE_CANDIDATES, allow_not_now=True, rng=np.random.default_rng(0))
    assert p.shape == (4,)
    choice = policy.choose(CONTEXT, THREE_CANDIDATES, rng=np.random.default_rng(0), allow_not_now=True)
    assert 0 <= choice.index <= 3


def test_monte_carlo_propensities_match_the_empirical_choice_frequencies():
    policy = trained_ts()
    truth = policy.action_probabilities(CONTEXT, THREE_CANDIDATES, n_samples=50_000, rng=np.random.default_rng(1))
    assert truth[0] < 0.95 and truth[1] > 0.05, "the test needs a policy that really randomises"
    n = 3000
    choices = [policy.choose(CONTEXT, THREE_CANDIDATES, rng=decision_rng(f"d{i}", "incumbent")) for i in range(n)]
    chosen = np.array([c.index for c in choices])
    propensity = np.array([c.propensity for c in choices])
    frequency = np.bincount(chosen, minlength=3) / n
    assert np.allclose(frequency, truth, atol=0.03)
    for action in (0, 1):
        assert propensity[chosen == action].mean() == pytest.approx(frequency[action], abs=0.03)
        # What off-policy evaluation relies on: inverse-propensity weights of an action average to 1.
        assert np.sum((chosen == action) / propensity) / n == pytest.approx(1.0, abs=0.12)


def test_a_seeded_decision_is_reproducible():
    policy = trained_ts()
    first = policy.choose(CONTEXT, THREE_CANDIDATES, rng=decision_rng("same-id", "incumbent"))
    again = policy.choose(CONTEXT, THREE_CANDIDATES, rng=decision_rng("same-id", "incumbent"))
    assert (first.index, first.propensity) == (again.index, again.propensity)
    assert np.array_equal(first.x, again.x)


def test_rewards_teach_the_policy_which_category_helps_in_a_context():
    policy = LinearThompsonPolicy()
    rng = np.random.default_rng(3)
    x = policy.features(CONTEXT, THREE_CANDIDATES)
    for _ in range(60):
        for row, reward in zip(x, [0.0, 0.0, 1.0]):
            policy.update(row, reward)
    p = policy.action_probabilities(CONTEXT, THREE_CANDIDATES, rng=rng)
    assert np.argmax(p) == 2 and p[2] > 0.9


def test_identical_candidates_share_the_choice():
    policy = LinearThompsonPolicy()
    twins = [candidate("a", "focus"), candidate("b", "focus")]
    p = policy.action_probabilities({}, twins, n_samples=4000, rng=np.random.default_rng(5))
    assert p == pytest.approx([0.5, 0.5], abs=0.05)


def test_state_round_trip_keeps_the_posterior_and_the_counts():
    policy = trained_ts()
    copy = LinearPolicy.from_state(policy.to_state())
    assert isinstance(copy, LinearThompsonPolicy)
    assert (copy.name, copy.version, copy.updates, copy.exploration) == (policy.name, policy.version, 3, 0.5)
    a = policy.choose(CONTEXT, THREE_CANDIDATES, rng=decision_rng("x", "incumbent"))
    b = copy.choose(CONTEXT, THREE_CANDIDATES, rng=decision_rng("x", "incumbent"))
    assert (a.index, a.propensity) == (b.index, b.propensity)


def test_state_from_another_feature_map_is_refused():
    state = LinearThompsonPolicy().to_state()
    state["featureMap"] = "fm-0"
    with pytest.raises(ValueError, match="feature map"):
        LinearPolicy.from_state(state)


def test_rank_one_updates_keep_the_inverse_exact_over_many_rewards():
    policy = LinearThompsonPolicy()
    rng = np.random.default_rng(9)
    for _ in range(1500):
        policy.update(rng.normal(size=policy.dimension) * (rng.random(policy.dimension) < 0.1), rng.random())
    assert np.allclose(policy.mean, np.linalg.solve(policy.A, policy.b), atol=1e-8)


def test_epsilon_greedy_propensities_are_exact():
    policy = EpsilonGreedyRidgePolicy(epsilon=0.2)
    x = policy.features(CONTEXT, THREE_CANDIDATES)
    policy.update(x[1], 1.0)
    p = policy.action_probabilities(CONTEXT, THREE_CANDIDATES)
    assert p == pytest.approx([0.2 / 3, 0.8 + 0.2 / 3, 0.2 / 3])
    choices = [policy.choose(CONTEXT, THREE_CANDIDATES, rng=decision_rng(f"e{i}", "shadow")) for i in range(3000)]
    assert all(c.method == "exact" and c.propensity == pytest.approx(p[c.index]) for c in choices)
    frequency = np.bincount([c.index for c in choices], minlength=3) / 3000
    assert np.allclose(frequency, p, atol=0.03)

"""It learns: on a simulated population whose best tip depends on the situation, the incumbent
policy earns clearly more than random and than a context-free bandit, and its regret shrinks."""

from dataclasses import dataclass, field
from typing import List

import numpy as np
import pytest

from serving.bandit import LinearThompsonPolicy
from serving.vocabulary import CATEGORIES

from .simulation import CANDIDATES, context_of, population, reward_probability

ROUNDS = 3000
PERSONS = 50


@dataclass
class Run:
    contextual: float = 0.0
    uniform: float = 0.0
    context_free: float = 0.0
    regret: List[float] = field(default_factory=list)


@pytest.fixture(scope="module")
def run() -> Run:
    rng = np.random.default_rng(20240601)
    persons = population(PERSONS, rng)
    policy = LinearThompsonPolicy()
    successes = np.ones(len(CATEGORIES))
    failures = np.ones(len(CATEGORIES))
    result = Run()
    for _ in range(ROUNDS):
        person = persons[rng.integers(PERSONS)]
        context = context_of(person, rng)
        truth = np.array([reward_probability(person, context, c) for c in CATEGORIES])

        choice = policy.choose(context, CANDIDATES, rng=rng, n_samples=32)
        reward = float(rng.random() < truth[choice.index])
        policy.update(choice.x, reward)
        result.contextual += reward
        result.regret.append(float(truth.max() - truth[choice.index]))

        result.uniform += float(rng.random() < truth[rng.integers(len(CATEGORIES))])

        # Context-free baseline: Beta-Bernoulli Thompson sampling per category.
        arm = int(np.argmax(rng.beta(successes, failures)))
        won = rng.random() < truth[arm]
        successes[arm] += won
        failures[arm] += not won
        result.context_free += float(won)
    return result


def test_the_bandit_earns_far_more_than_uniform_random(run: Run):
    assert run.contextual > 2.0 * run.uniform


def test_the_bandit_earns_clearly_more_than_a_context_free_bandit(run: Run):
    assert run.contextual > 1.5 * run.context_free


def test_regret_is_sublinear(run: Run):
    half = ROUNDS // 2
    first, second = sum(run.regret[:half]), sum(run.regret[half:])
    assert second < 0.6 * first

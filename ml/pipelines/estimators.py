"""Off-policy estimators of a candidate policy's value from logged decisions.

Notation: for decision t the logger chose a_t with propensity mu_t and saw reward r_t; the
candidate gives pi(a|x_t). w_t = pi(a_t|x_t) / mu_t.

- IPS: mean(w r). Unbiased when mu_t is the true logging probability and pi only puts mass
  where mu does; variance grows with the weights.
- SNIPS: sum(w r) / sum(w). Slightly biased (O(1/n)), much steadier when weights are large.
- DR: mean(sum_a pi(a) q(a) + w (r - q(a_t))) with a cross-fitted reward model q. Unbiased
  if either q or mu is right; lower variance than IPS when q is good.
- Replay (Li et al. 2011): on uniformly logged data, the mean reward of the decisions where
  the candidate agrees with the log, weighted by pi(a_t) (the derandomised form). Valid only
  for uniform logging with a constant number of actions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from .bootstrap import Ratio, percentile_interval, resample_statistics
from .progress import SILENT, ProgressFactory

ESTIMATORS: tuple[str, ...] = ("ips", "snips", "dr", "replay")
ON_POLICY = "on-policy"


@dataclass(frozen=True)
class Estimate:
    """A value with its bootstrap interval, effective sample size and number of decisions."""

    estimator: str
    estimate: float
    ci_low: float
    ci_high: float
    ess: float
    n: int

    def as_json(self) -> dict[str, Any]:
        return {"estimate": self.estimate, "ciLow": self.ci_low, "ciHigh": self.ci_high, "ess": self.ess, "n": self.n}


def chosen_probability(pi: np.ndarray, logged: np.ndarray) -> np.ndarray:
    return pi[np.arange(len(logged)), logged]


def importance_weights(pi: np.ndarray, logged: np.ndarray, propensity: np.ndarray) -> np.ndarray:
    return chosen_probability(pi, logged) / propensity


def effective_sample_size(weights: np.ndarray) -> float:
    """Kish's (sum w)^2 / sum w^2: how many on-policy decisions the weighted sample is worth."""
    square = float(np.square(weights).sum())
    return float(weights.sum()) ** 2 / square if square > 0 else 0.0


def ips(pi: np.ndarray, logged: np.ndarray, propensity: np.ndarray, reward: np.ndarray) -> Ratio:
    return Ratio.mean(importance_weights(pi, logged, propensity) * reward)


def snips(pi: np.ndarray, logged: np.ndarray, propensity: np.ndarray, reward: np.ndarray) -> Ratio:
    w = importance_weights(pi, logged, propensity)
    return Ratio(w * reward, w)


def doubly_robust(
    pi: np.ndarray, q_hat: np.ndarray, logged: np.ndarray, propensity: np.ndarray, reward: np.ndarray
) -> Ratio:
    w = importance_weights(pi, logged, propensity)
    direct = (pi * q_hat).sum(axis=1)
    return Ratio.mean(direct + w * (reward - chosen_probability(q_hat, logged)))


def replay(pi: np.ndarray, logged: np.ndarray, reward: np.ndarray) -> Ratio:
    match = chosen_probability(pi, logged)
    return Ratio(match * reward, match)


def on_policy(reward: np.ndarray) -> Ratio:
    return Ratio.mean(reward)


def is_uniform_logging(propensity: np.ndarray, mask: np.ndarray, rtol: float = 1e-6) -> bool:
    """True when every logged propensity equals 1 / (number of actions) of its decision."""
    if len(propensity) == 0:
        return False
    return bool(np.allclose(propensity, 1.0 / mask.sum(axis=1), rtol=rtol, atol=0.0))


def agreement(pi: np.ndarray, logged: np.ndarray, mask: np.ndarray) -> float:
    """Share of decisions where the policy's most probable action is the logged one.

    Ties share the credit (a uniform policy over k actions agrees 1/k of the time), so the
    number does not depend on an arbitrary tie-break.
    """
    if len(logged) == 0:
        return float("nan")
    masked = np.where(mask, pi, -np.inf)
    top = masked >= masked.max(axis=1, keepdims=True) - 1e-12
    credit = chosen_probability(top.astype(float), logged) / top.sum(axis=1)
    return float(credit.mean())


@dataclass(frozen=True)
class Evaluation:
    """Estimates of several policies over the same decisions, from one paired bootstrap."""

    incumbent: Estimate
    policies: dict[str, dict[str, Estimate]]
    lifts: dict[str, dict[str, Estimate]]


def evaluate(
    policies: Mapping[str, np.ndarray],
    *,
    logged: np.ndarray,
    propensity: np.ndarray,
    reward: np.ndarray,
    q_hat: np.ndarray | None,
    with_replay: bool,
    n_resamples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    progress: ProgressFactory = SILENT,
) -> Evaluation:
    """All estimators for all policies plus the incumbent's on-policy value.

    `lifts` are each estimate minus the incumbent's on-policy mean on the same resamples.
    """
    n = len(logged)
    stats: dict[tuple[str, str], Ratio] = {(ON_POLICY, ON_POLICY): on_policy(reward)}
    ess: dict[tuple[str, str], float] = {(ON_POLICY, ON_POLICY): float(n)}
    for name, pi in policies.items():
        w = importance_weights(pi, logged, propensity)
        stats[(name, "ips")] = ips(pi, logged, propensity, reward)
        stats[(name, "snips")] = snips(pi, logged, propensity, reward)
        ess[(name, "ips")] = ess[(name, "snips")] = effective_sample_size(w)
        if q_hat is not None:
            stats[(name, "dr")] = doubly_robust(pi, q_hat, logged, propensity, reward)
            ess[(name, "dr")] = effective_sample_size(w)
        if with_replay:
            stats[(name, "replay")] = replay(pi, logged, reward)
            ess[(name, "replay")] = effective_sample_size(chosen_probability(pi, logged))
    keys = list(stats)
    labels = {f"{p}\x00{e}": (p, e) for p, e in keys}
    samples = resample_statistics(
        {label: stats[key] for label, key in labels.items()}, n_resamples=n_resamples, seed=seed, progress=progress
    )
    base = samples[f"{ON_POLICY}\x00{ON_POLICY}"]
    base_value = stats[(ON_POLICY, ON_POLICY)].value()

    def estimate(key: tuple[str, str]) -> Estimate:
        low, high = percentile_interval(samples[f"{key[0]}\x00{key[1]}"], level)
        return Estimate(key[1], stats[key].value(), low, high, ess[key], n)

    results: dict[str, dict[str, Estimate]] = {name: {} for name in policies}
    lifts: dict[str, dict[str, Estimate]] = {name: {} for name in policies}
    for key in keys:
        if key[0] == ON_POLICY:
            continue
        results[key[0]][key[1]] = estimate(key)
        low, high = percentile_interval(samples[f"{key[0]}\x00{key[1]}"] - base, level)
        lifts[key[0]][key[1]] = Estimate(key[1], stats[key].value() - base_value, low, high, ess[key], n)
    return Evaluation(estimate((ON_POLICY, ON_POLICY)), results, lifts)

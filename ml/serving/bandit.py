"""Contextual bandit policies over the shared feature map (see ADR-0010).

Stable API, also imported by ``ml/pipelines`` for offline evaluation::

    policy = LinearThompsonPolicy(name="linear-ts", version="1")
    p = policy.action_probabilities(context, candidates, n_samples=256, rng=rng)  # sums to 1
    choice = policy.choose(context, candidates, rng=rng)       # Choice(index, propensity, method, x)
    policy.update(choice.x, reward)                            # reward in [-1, 1]
    same = LinearPolicy.from_state(policy.to_state())          # exact round trip

``context`` maps feature names to numbers (unknown names ignored, missing ones 0);
``candidates`` are dicts with ``category``, ``kind`` and ``features`` (as ``/generate`` returns
them). With ``allow_not_now=True`` one extra action, "not now", is appended after the candidates:
probabilities then have ``len(candidates) + 1`` entries and ``Choice.index == len(candidates)``
means not now.

Both policies are Bayesian ridge regressions of the reward on x(context, action), pooled over all
persons, with the same sufficient statistics ``A = lambda*I + sum x x^T`` and ``b = sum r x``; they
differ only in how they turn the posterior into a choice:

* :class:`LinearThompsonPolicy` samples the scores from the posterior and takes the argmax. Its
  propensities are Monte-Carlo estimates from ``n_samples`` further posterior draws that are
  independent of the ranking draw, so the estimate is unbiased for the true choice probability; it
  is smoothed to never fall below ``floor`` (``p = floor + (1 - K*floor) * frequency``).
* :class:`EpsilonGreedyRidgePolicy` takes the posterior-mean argmax with probability
  ``1 - epsilon``, else a uniform action; its propensities are exact.
"""

import hashlib
import re
from dataclasses import dataclass
from typing import Any, ClassVar, Dict, Mapping, Optional, Sequence, Type

import numpy as np

from .features import FeatureMap

DEFAULT_SAMPLES = 256
PROPENSITY_FLOOR = 1e-3
_REFRESH_EVERY = 1000


@dataclass(frozen=True)
class Choice:
    """One decision: the chosen row, its propensity, how it was computed, and its feature vector."""

    index: int
    propensity: float
    method: str
    x: np.ndarray
    probabilities: np.ndarray


def decision_rng(decision_id: str, role: str) -> np.random.Generator:
    """A generator seeded from the decision id and the policy's role, so that replaying a decision
    on the same model state reproduces it, and incumbent and shadow draw independently."""
    digest = hashlib.sha256(f"{decision_id}:{role}".encode("utf-8")).digest()
    return np.random.Generator(np.random.PCG64(int.from_bytes(digest[:8], "big")))


class LinearPolicy:
    """Bayesian linear regression of reward on x(context, action); subclasses decide how to act."""

    family: ClassVar[str] = ""
    propensity_method: ClassVar[str] = ""
    _families: ClassVar[Dict[str, Type["LinearPolicy"]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.family:
            LinearPolicy._families[cls.family] = cls

    def __init__(
        self,
        name: str,
        version: str,
        prior_precision: float = 1.0,
        feature_map: Optional[FeatureMap] = None,
    ) -> None:
        self.name = name
        self.version = version
        self.prior_precision = float(prior_precision)
        self.feature_map = feature_map or FeatureMap()
        d = self.feature_map.dimension
        self.A = np.eye(d) * self.prior_precision
        self.b = np.zeros(d)
        self.updates = 0
        self._a_inv = np.eye(d) / self.prior_precision
        self._mu: Optional[np.ndarray] = None

    @property
    def dimension(self) -> int:
        return self.feature_map.dimension

    def params(self) -> Dict[str, float]:
        """The hyper-parameters that define the policy beside its learned statistics, by their
        camelCase wire names (``GET /policies`` shows them; :meth:`from_state` reads them back)."""
        return {"priorPrecision": self.prior_precision}

    @property
    def mean(self) -> np.ndarray:
        """Posterior mean of the weights (the ridge estimate)."""
        if self._mu is None:
            self._mu = self._a_inv @ self.b
        return self._mu

    def features(
        self,
        context: Mapping[str, object],
        candidates: Sequence[Mapping[str, object]],
        allow_not_now: bool = False,
    ) -> np.ndarray:
        """The action matrix, one row per candidate (plus not-now when allowed)."""
        return self.feature_map.matrix(context, candidates, allow_not_now)

    def action_probabilities(
        self,
        context: Mapping[str, object],
        candidates: Sequence[Mapping[str, object]],
        n_samples: int = DEFAULT_SAMPLES,
        rng: Optional[np.random.Generator] = None,
        allow_not_now: bool = False,
    ) -> np.ndarray:
        """The probability of choosing each action; sums to 1."""
        x = self.features(context, candidates, allow_not_now)
        return self.probabilities_for(x, n_samples, rng or np.random.default_rng())

    def choose(
        self,
        context: Mapping[str, object],
        candidates: Sequence[Mapping[str, object]],
        rng: Optional[np.random.Generator] = None,
        n_samples: int = DEFAULT_SAMPLES,
        allow_not_now: bool = False,
    ) -> Choice:
        """Choose one action and say with which probability it was chosen."""
        x = self.features(context, candidates, allow_not_now)
        return self.choose_for(x, rng or np.random.default_rng(), n_samples)

    def update(self, x: np.ndarray, reward: float) -> None:
        """Add one observed (x, reward): a rank-one update of the posterior, O(d^2)."""
        x = np.asarray(x, dtype=np.float64)
        self.A += np.outer(x, x)
        self.b += float(reward) * x
        a_inv_x = self._a_inv @ x
        self._a_inv -= np.outer(a_inv_x, a_inv_x) / (1.0 + float(x @ a_inv_x))
        self.updates += 1
        self._mu = None
        if self.updates % _REFRESH_EVERY == 0:
            self._refresh_inverse()

    def _refresh_inverse(self) -> None:
        """Recompute A^-1 from A: rank-one updates accumulate rounding error over many rewards."""
        self._a_inv = np.linalg.inv(self.A)
        self._a_inv = (self._a_inv + self._a_inv.T) / 2.0
        self._mu = None

    def probabilities_for(self, x: np.ndarray, n_samples: int, rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError

    def choose_for(self, x: np.ndarray, rng: np.random.Generator, n_samples: int) -> Choice:
        raise NotImplementedError

    def to_state(self) -> Dict[str, Any]:
        """Plain values plus the numpy arrays ``A`` and ``b``; :meth:`from_state` inverts it."""
        return {
            "family": self.family,
            "name": self.name,
            "version": self.version,
            "updates": self.updates,
            "params": self.params(),
            "featureMap": self.feature_map.version,
            "A": self.A.copy(),
            "b": self.b.copy(),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> "LinearPolicy":
        """Rebuild a policy of the family named in the state."""
        family = LinearPolicy._families.get(str(state["family"]))
        if family is None:
            raise ValueError(f"unknown policy family {state['family']!r}")
        feature_map = FeatureMap()
        if state.get("featureMap") != feature_map.version:
            raise ValueError(
                f"state was learned on feature map {state.get('featureMap')!r}, this code has {feature_map.version!r}"
            )
        params = {_snake(key): float(value) for key, value in dict(state["params"]).items()}
        policy = family(name=str(state["name"]), version=str(state["version"]), **params)
        a = np.asarray(state["A"], dtype=np.float64)
        b = np.asarray(state["b"], dtype=np.float64)
        if a.shape != (policy.dimension, policy.dimension) or b.shape != (policy.dimension,):
            raise ValueError(f"state arrays have shapes {a.shape} and {b.shape}, expected dimension {policy.dimension}")
        policy.A = a.copy()
        policy.b = b.copy()
        policy.updates = int(state["updates"])
        policy._refresh_inverse()
        return policy


class LinearThompsonPolicy(LinearPolicy):
    """Linear Thompson sampling: weights ~ N(mean, exploration^2 * A^-1), act greedily on the draw.

    Sampling is done in score space: the K candidate scores are jointly Gaussian with mean X mu and
    covariance exploration^2 X A^-1 X^T, a K x K matrix, which is far cheaper to factor than the
    d x d weight covariance and gives exactly the same distribution of choices.
    """

    family = "linear-ts"
    propensity_method = "monte-carlo"

    def __init__(
        self,
        name: str = "linear-ts",
        version: str = "1",
        prior_precision: float = 1.0,
        exploration: float = 0.25,
        floor: float = PROPENSITY_FLOOR,
        feature_map: Optional[FeatureMap] = None,
    ) -> None:
        super().__init__(name, version, prior_precision, feature_map)
        self.exploration = float(exploration)
        self.floor = float(floor)

    def params(self) -> Dict[str, float]:
        return {**super().params(), "exploration": self.exploration, "floor": self.floor}

    def _score_draws(self, x: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
        mean = x @ self.mean
        spread = x @ self._a_inv
        cov = (self.exploration**2) * (spread @ x.T)
        root = _psd_root(cov)
        return mean + rng.standard_normal((n, x.shape[0])) @ root.T

    def _frequencies(self, draws: np.ndarray) -> np.ndarray:
        k = draws.shape[1]
        counts = np.bincount(np.argmax(draws, axis=1), minlength=k).astype(np.float64)
        frequency = counts / draws.shape[0]
        floor = min(self.floor, 1.0 / k)
        return floor + (1.0 - k * floor) * frequency

    def probabilities_for(self, x: np.ndarray, n_samples: int, rng: np.random.Generator) -> np.ndarray:
        return self._frequencies(self._score_draws(x, max(n_samples, 1), rng))

    def choose_for(self, x: np.ndarray, rng: np.random.Generator, n_samples: int = DEFAULT_SAMPLES) -> Choice:
        """The first draw ranks; the next ``n_samples`` draws, independent of it, estimate the
        propensity of every action."""
        draws = self._score_draws(x, max(n_samples, 1) + 1, rng)
        index = int(np.argmax(draws[0]))
        probabilities = self._frequencies(draws[1:])
        return Choice(index, float(probabilities[index]), self.propensity_method, x[index].copy(), probabilities)


class EpsilonGreedyRidgePolicy(LinearPolicy):
    """Posterior-mean argmax with probability 1 - epsilon, a uniform action otherwise.

    Exact propensities (never below epsilon / K), so it stays fit for off-policy evaluation if it
    is ever promoted; it explores blindly, which is why it is the challenger and not the default.
    """

    family = "ridge-egreedy"
    propensity_method = "exact"

    def __init__(
        self,
        name: str = "ridge-egreedy",
        version: str = "1",
        prior_precision: float = 1.0,
        epsilon: float = 0.1,
        feature_map: Optional[FeatureMap] = None,
    ) -> None:
        super().__init__(name, version, prior_precision, feature_map)
        self.epsilon = float(epsilon)

    def params(self) -> Dict[str, float]:
        return {**super().params(), "epsilon": self.epsilon}

    def _best(self, x: np.ndarray) -> np.ndarray:
        scores = x @ self.mean
        return np.flatnonzero(scores >= scores.max() - 1e-12)

    def probabilities_for(
        self, x: np.ndarray, n_samples: int = 0, rng: Optional[np.random.Generator] = None
    ) -> np.ndarray:
        k = x.shape[0]
        best = self._best(x)
        probabilities = np.full(k, self.epsilon / k)
        probabilities[best] += (1.0 - self.epsilon) / len(best)
        return probabilities

    def choose_for(self, x: np.ndarray, rng: np.random.Generator, n_samples: int = 0) -> Choice:
        probabilities = self.probabilities_for(x)
        if rng.random() < self.epsilon:
            index = int(rng.integers(x.shape[0]))
        else:
            index = int(rng.choice(self._best(x)))
        return Choice(index, float(probabilities[index]), self.propensity_method, x[index].copy(), probabilities)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def _psd_root(cov: np.ndarray) -> np.ndarray:
    """A matrix R with R R^T = cov. Identical candidates make cov singular: a tiny jitter keeps
    Cholesky usable and splits their ties at random; eigen-decomposition is the last resort."""
    k = cov.shape[0]
    jitter = 1e-10 * max(float(np.trace(cov)) / k, 1e-12)
    try:
        return np.linalg.cholesky(cov + jitter * np.eye(k))
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh((cov + cov.T) / 2.0)
        return vectors * np.sqrt(np.clip(values, 0.0, None))

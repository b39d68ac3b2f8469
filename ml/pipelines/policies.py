"""Candidate policies: each turns logged decisions into action probabilities.

A policy is named by a spec string, `name` or `name:key=value,key=value`, so an analyst can
ask for `epsilon-greedy:eps=0.1` on the command line and find the same string in the report.
Policies that learn (`learns = True`) are fitted on the earlier part of the log and evaluated
on the later part; a policy judged on the decisions it was fitted on looks better than it is.
"""
from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

import numpy as np

from .data import LoggedData
from .progress import SILENT, ProgressFactory
from .reward_model import RidgeRewardModel


class PolicySpecError(ValueError):
    """A policy spec that names no known policy or carries a bad parameter."""


class Policy(Protocol):
    spec: str
    learns: bool

    def fit(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> None: ...

    def probabilities(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> np.ndarray: ...


@dataclass(frozen=True)
class PolicyOptions:
    """Settings shared by the policies of one run."""

    not_now_reward: float = 0.0
    ridge_alpha: float = 1.0
    seed: int = 0
    lints_state: Path | None = None
    lints_samples: int = 256


def parse_spec(spec: str) -> tuple[str, dict[str, str]]:
    """`softmax-reward-model:tau=0.5` -> ("softmax-reward-model", {"tau": "0.5"})."""
    name, _, rest = spec.strip().partition(":")
    params: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in rest.split(","))):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise PolicySpecError(f"policy spec {spec!r}: parameter {part!r} is not key=value")
        params[key.strip()] = value.strip()
    if not name:
        raise PolicySpecError(f"policy spec {spec!r} has no name")
    return name, params


def _float(spec: str, params: dict[str, str], key: str, default: float, low: float, high: float) -> float:
    raw = params.pop(key, None)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise PolicySpecError(f"policy spec {spec!r}: {key}={raw!r} is not a number") from None
    if not low <= value <= high:
        raise PolicySpecError(f"policy spec {spec!r}: {key}={value} must be within [{low}, {high}]")
    return value


def _no_more(spec: str, params: dict[str, str]) -> None:
    if params:
        raise PolicySpecError(f"policy spec {spec!r}: unknown parameter(s) {', '.join(sorted(params))}")


def normalise(weights: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Rows summing to one over real actions; a row of zero weight becomes uniform."""
    weights = np.where(mask, weights, 0.0)
    total = weights.sum(axis=1, keepdims=True)
    uniform = mask / mask.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, weights / np.where(total > 0, total, 1.0), uniform)


def greedy(q: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """All mass on the best action; exact ties share it."""
    masked = np.where(mask, q, -np.inf)
    top = mask & (masked >= masked.max(axis=1, keepdims=True) - 1e-12)
    return normalise(top.astype(float), mask)


def softmax(q: np.ndarray, mask: np.ndarray, tau: float) -> np.ndarray:
    masked = np.where(mask, q / tau, -np.inf)
    shifted = np.exp(masked - masked.max(axis=1, keepdims=True))
    return normalise(shifted, mask)


@dataclass
class UniformPolicy:
    """Every available action alike, not-now included: the reference point of no knowledge."""

    spec: str = "uniform"
    learns: bool = False

    def fit(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> None:
        return None

    def probabilities(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> np.ndarray:
        return normalise(data.mask[rows].astype(float), data.mask[rows])


@dataclass
class CategoryPriorPolicy:
    """Probability proportional to a hand-set weight per category (`not-now` is a category).

    `category-prior:break=2,focus=0.5` makes a break tip twice as likely as an unnamed
    category; `default=` sets the weight of unnamed categories (1 unless given).
    """

    spec: str
    weights: dict[str, float]
    default: float = 1.0
    learns: bool = False

    def fit(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> None:
        return None

    def probabilities(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> np.ndarray:
        categories = data.categories[rows]
        lookup = np.vectorize(lambda c: self.weights.get(c, self.default), otypes=[float])
        return normalise(lookup(categories), data.mask[rows])


@dataclass
class RewardModelPolicy:
    """Acts on a ridge reward model fitted on the training part of the log.

    `mix` turns q into probabilities: greedy, epsilon-greedy or softmax.
    """

    spec: str
    mix: Callable[[np.ndarray, np.ndarray], np.ndarray]
    options: PolicyOptions
    learns: bool = True
    model: RidgeRewardModel | None = None

    def fit(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> None:
        self.model = RidgeRewardModel(alpha=self.options.ridge_alpha, not_now_reward=self.options.not_now_reward)
        self.model.fit(data, rows)

    def probabilities(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> np.ndarray:
        if self.model is None:
            raise RuntimeError(f"policy {self.spec!r} must be fitted before it acts")
        return self.mix(self.model.predict(data, rows), data.mask[rows])


def _serving_bandit() -> Any:
    """ml/serving's bandit module, imported lazily so the other policies work without it."""
    try:
        return importlib.import_module("serving.bandit")
    except ImportError as error:
        raise PolicySpecError(f"policy 'lints' needs ml/serving (serving.bandit): {error}") from None


@dataclass
class LinTSPolicy:
    """The serving bandit (ml/serving/bandit.py, `LinearThompsonPolicy`) replayed offline.

    Without a state file it starts from the prior and learns from the training decisions in
    time order, as it would have online; with `--lints-state` it is the saved bandit as is.
    Not-now is offered to it exactly when the log has a not-now action, in the same last slot.
    """

    spec: str
    options: PolicyOptions
    learns: bool = True
    bandit: Any = None

    def __post_init__(self) -> None:
        module = _serving_bandit()
        if self.options.lints_state is not None:
            path = Path(self.options.lints_state)
            try:
                state = json.loads(path.read_text(encoding="utf-8"))
                self.bandit = module.LinearPolicy.from_state(state)
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise PolicySpecError(f"--lints-state {path}: cannot load a bandit state ({error})") from None
            self.learns = False
        else:
            self.bandit = module.LinearThompsonPolicy(name="lints-offline", version="offline")

    def fit(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> None:
        if not self.learns:
            return
        allow_not_now = data.vocabulary.has_not_now
        rows = np.asarray(rows)
        for t in progress.iterate(rows[data.rewarded[rows]], int(data.rewarded[rows].sum()), "train lints"):
            candidates = data.raw_candidates[t]
            slot = len(candidates) if data.logged_not_now[t] else int(data.logged[t])
            x = self.bandit.features(data.raw_context[t], candidates, allow_not_now)[slot]
            self.bandit.update(x, float(data.reward[t]))

    def probabilities(self, data: LoggedData, rows: np.ndarray, progress: ProgressFactory = SILENT) -> np.ndarray:
        rows = np.asarray(rows)
        allow_not_now = data.vocabulary.has_not_now
        out = np.zeros((len(rows), data.k))
        rng = np.random.default_rng(self.options.seed)
        for i, t in enumerate(progress.iterate(rows, len(rows), "score lints")):
            candidates = data.raw_candidates[t]
            if not candidates and not allow_not_now:
                continue
            p = np.asarray(
                self.bandit.action_probabilities(
                    data.raw_context[t], candidates, n_samples=self.options.lints_samples, rng=rng,
                    allow_not_now=allow_not_now,
                ),
                float,
            )
            out[i, : len(candidates)] = p[: len(candidates)]
            if allow_not_now:
                out[i, data.k - 1] = p[len(candidates)]
        return normalise(out, data.mask[rows])


def make_policy(spec: str, options: PolicyOptions = PolicyOptions()) -> Policy:
    """Build the policy a spec names, or say which specs exist."""
    name, params = parse_spec(spec)
    spec = spec.strip()
    if name == "uniform":
        _no_more(spec, params)
        return UniformPolicy(spec)
    if name == "category-prior":
        default = _float(spec, params, "default", 1.0, 0.0, float("inf"))
        weights = {key: _float(spec, params, key, 1.0, 0.0, float("inf")) for key in list(params)}
        return CategoryPriorPolicy(spec, weights, default)
    if name == "greedy-reward-model":
        _no_more(spec, params)
        return RewardModelPolicy(spec, greedy, options)
    if name == "epsilon-greedy":
        eps = _float(spec, params, "eps", 0.1, 0.0, 1.0)
        _no_more(spec, params)
        return RewardModelPolicy(
            spec, lambda q, mask: (1 - eps) * greedy(q, mask) + eps * normalise(mask.astype(float), mask), options
        )
    if name == "softmax-reward-model":
        tau = _float(spec, params, "tau", 0.5, 1e-6, float("inf"))
        _no_more(spec, params)
        return RewardModelPolicy(spec, lambda q, mask: softmax(q, mask, tau), options)
    if name == "lints":
        _no_more(spec, params)
        return LinTSPolicy(spec, options)
    raise PolicySpecError(f"unknown policy {name!r}; known: {', '.join(KNOWN_POLICIES)}")


KNOWN_POLICIES: tuple[str, ...] = (
    "uniform",
    "category-prior:<category>=<weight>,...,default=1",
    "greedy-reward-model",
    "epsilon-greedy:eps=0.1",
    "softmax-reward-model:tau=0.5",
    "lints",
)
DEFAULT_POLICIES: tuple[str, ...] = ("uniform", "greedy-reward-model", "epsilon-greedy:eps=0.1")

"""A synthetic decision log whose true policy values are known exactly.

The world is a finite set of situations (a context and its candidate tips) drawn with known
probabilities; each candidate has a known expected reward, linear in context x action
features, and the logging policy has known propensities. The value of any policy is then
sum_m p_m sum_a pi(a|m) q(m, a), computed exactly, which is what the estimator tests and an
analyst's sanity run compare against.
"""
from __future__ import annotations

import argparse
import json
import sys
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from . import data as data_module
from .data import LoggedData, Vocabulary
from .io import NOT_NOW, parse_rows

# oO's own vocabulary (ml/serving/vocabulary.py and features.py), so the serving bandit reads
# the synthetic contexts and candidates as it would read real ones.
CATEGORIES: tuple[str, ...] = (
    "overdue-task", "due-today", "plan-day", "focus", "break",
    "movement", "mood-lift", "habit", "wind-down", "reflection",
)
KINDS: tuple[str, ...] = ("advice", "todo")
# name -> (low, high) of the raw value; the true reward is linear in the value rescaled to [-1, 1].
CONTEXT_RANGES: dict[str, tuple[float, float]] = {
    "moodMean7d": (1.0, 5.0),
    "busyHoursToday": (0.0, 8.0),
    "taskCompletionRate7d": (0.0, 1.0),
}
CONTEXT_NAMES: tuple[str, ...] = tuple(CONTEXT_RANGES)
CANDIDATE_FEATURES: tuple[str, ...] = ("chars", "imperative")
START = datetime(2025, 1, 6, 7, 0, tzinfo=timezone.utc)
LOGGING_POLICY = "softmax-logger"
SHADOW_POLICY = "shadow-softmax"


@dataclass(frozen=True)
class SyntheticLog:
    """A sampled log as arrays, with the situation of every decision."""

    data: LoggedData
    situation: np.ndarray


@dataclass(frozen=True)
class SyntheticWorld:
    situation_weights: np.ndarray  # (M,)
    situation_rows: tuple[dict[str, Any], ...]  # context, candidates and person per situation
    true_reward: np.ndarray  # (M, K); not-now (last slot when present) is 0
    logging: np.ndarray  # (M, K) logging propensities
    shadow: np.ndarray  # (M, K) shadow policy probabilities
    situations: LoggedData  # one decision per situation, for computing policies' probabilities
    uniform_logging: bool

    @property
    def has_not_now(self) -> bool:
        return self.situations.vocabulary.has_not_now

    def true_value(self, probabilities: np.ndarray) -> float:
        """Exact value of a policy given as (M, K) probabilities over each situation's actions."""
        return float(self.situation_weights @ (probabilities * self.true_reward).sum(axis=1))

    def situations_with(self, vocabulary: Vocabulary) -> LoggedData:
        """The situations laid out like a log built with `vocabulary` (to score fitted policies)."""
        return data_module.build(parse_rows(_situation_decision_rows(self.situation_rows)), vocabulary=vocabulary)

    def sample(self, n: int, seed: int, missing_reward: float = 0.0) -> SyntheticLog:
        """n decisions as arrays (no per-row parsing): the fast path for estimator studies."""
        rng = np.random.default_rng(seed)
        s = rng.choice(len(self.situation_weights), size=n, p=self.situation_weights)
        logged = _draw(self.logging[s], rng)
        shadow = _draw(self.shadow[s], rng)
        q = self.true_reward[s, logged]
        reward = (rng.random(n) < q).astype(float)
        reward[rng.random(n) < missing_reward] = np.nan
        data = self.situations.take(s).with_outcomes(logged, self.logging[s, logged], reward)
        is_not_now = data.logged_not_now
        data.reward[is_not_now] = 0.0
        data = replace(data, shadow_idx=shadow, shadow_propensity=self.shadow[s, shadow])
        return SyntheticLog(data, s)

    def rows(
        self, n: int, seed: int, missing_reward: float = 0.1, camel_case: bool = False, shadow_policy: str = SHADOW_POLICY
    ) -> list[dict[str, Any]]:
        """n decision_log rows in the contract's format, in time order."""
        log = self.sample(n, seed, missing_reward=missing_reward)
        rng = np.random.default_rng(seed + 1)
        out: list[dict[str, Any]] = []
        for t in range(n):
            m = int(log.situation[t])
            situation = self.situation_rows[m]
            ids = [c["id"] for c in situation["candidates"]] + ([NOT_NOW] if self.has_not_now else [])
            chosen = ids[int(log.data.logged[t])]
            shadow = ids[int(log.data.shadow_idx[t])]
            decided_at = START + timedelta(minutes=7 * t)
            reward = log.data.reward[t]
            reacted = chosen != NOT_NOW and not np.isnan(reward)
            row = {
                "decision_id": str(uuid.UUID(bytes=rng.bytes(16), version=4)),
                "person_key": situation["person_key"],
                "decided_at": decided_at.isoformat(),
                "context": situation["context"],
                "candidates": situation["candidates"],
                "chosen_id": chosen,
                "propensity": float(log.data.propensity[t]),
                "policy": "uniform-logger" if self.uniform_logging else LOGGING_POLICY,
                "policy_version": "1",
                "shadow_policy": shadow_policy,
                "shadow_policy_version": "1",
                "shadow_chosen_id": shadow,
                "shadow_propensity": float(log.data.shadow_propensity[t]),
                "reward": float(reward) if reacted else None,
                "rewarded_at": (decided_at + timedelta(minutes=5)).isoformat() if reacted else None,
            }
            out.append({_camel(k): v for k, v in row.items()} if camel_case else row)
        return out


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _draw(probabilities: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One action per row by inverse CDF; the clamp guards against rounding at the top."""
    cumulative = np.cumsum(probabilities, axis=1)
    action = (rng.random(len(probabilities))[:, None] > cumulative).sum(axis=1)
    last_real = (probabilities > 0).shape[1] - 1 - np.argmax((probabilities > 0)[:, ::-1], axis=1)
    return np.minimum(action, last_real)


def _situation_decision_rows(situations: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Placeholder decisions (one per situation) so the situations go through the real parser.

    Equal timestamps and zero-padded ids keep the parser's time order equal to situation order.
    """
    return [
        {
            "decision_id": f"situation-{m:05d}",
            "person_key": s["person_key"],
            "decided_at": START.isoformat(),
            "context": s["context"],
            "candidates": s["candidates"],
            "chosen_id": s["candidates"][0]["id"],
            "propensity": 1.0,
            "policy": "situation",
            "policy_version": "0",
        }
        for m, s in enumerate(situations)
    ]


def softmax_rows(scores: np.ndarray, mask: np.ndarray, temperature: float) -> np.ndarray:
    logits = np.where(mask, scores / temperature, -np.inf)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def make_world(
    seed: int = 0,
    n_situations: int = 40,
    n_candidates: int = 4,
    *,
    uniform_logging: bool = False,
    not_now: bool = False,
    logging_temperature: float = 0.25,
    shadow_temperature: float = 0.1,
) -> SyntheticWorld:
    """A world whose expected rewards lie in [0.02, 0.98] and are linear in x (outer) f_a."""
    rng = np.random.default_rng(seed)
    c = len(CONTEXT_NAMES)
    category_base = rng.uniform(-0.15, 0.15, len(CATEGORIES))
    category_context = rng.uniform(-0.08, 0.08, (len(CATEGORIES), c))
    kind_base = rng.uniform(-0.05, 0.05, len(KINDS))
    length_context = rng.uniform(-0.05, 0.05, c)
    imperative_effect = 0.08
    contexts = rng.uniform(-1.0, 1.0, (n_situations, c))
    low = np.array([r[0] for r in CONTEXT_RANGES.values()])
    high = np.array([r[1] for r in CONTEXT_RANGES.values()])
    raw_contexts = low + (contexts + 1.0) / 2.0 * (high - low)
    weights = rng.dirichlet(np.full(n_situations, 5.0))
    k = n_candidates + (1 if not_now else 0)
    true_reward = np.zeros((n_situations, k))
    situations: list[dict[str, Any]] = []
    for m in range(n_situations):
        candidates = []
        for j in range(n_candidates):
            cat = int(rng.integers(len(CATEGORIES)))
            kind = int(rng.integers(len(KINDS)))
            chars = float(rng.uniform(0.1, 1.0))
            imperative = float(rng.random() < 0.5)
            x = contexts[m]
            true_reward[m, j] = np.clip(
                0.5 + category_base[cat] + x @ category_context[cat] + kind_base[kind]
                + chars * (x @ length_context) + imperative_effect * imperative,
                0.02,
                0.98,
            )
            candidates.append(
                {
                    "id": f"tip-{m:03d}-{j}",
                    "kind": KINDS[kind],
                    "category": CATEGORIES[cat],
                    "features": {"chars": round(chars, 6), "imperative": imperative},
                }
            )
        situations.append(
            {
                "person_key": f"person-{m % 9}",
                "context": {name: round(float(v), 6) for name, v in zip(CONTEXT_NAMES, raw_contexts[m])},
                "candidates": candidates,
            }
        )
    mask = np.ones((n_situations, k), bool)
    noisy = true_reward + rng.normal(0.0, 0.1, true_reward.shape)
    if not_now:
        noisy[:, -1] = 0.35
    logging = np.full((n_situations, k), 1.0 / k) if uniform_logging else softmax_rows(noisy, mask, logging_temperature)
    shadow_mask = mask.copy()
    if not_now:
        shadow_mask[:, -1] = False
    shadow = softmax_rows(true_reward, shadow_mask, shadow_temperature)
    vocabulary = Vocabulary(CONTEXT_NAMES, CATEGORIES, KINDS, CANDIDATE_FEATURES, not_now)
    built = data_module.build(parse_rows(_situation_decision_rows(situations)), vocabulary=vocabulary)
    return SyntheticWorld(weights, tuple(situations), true_reward, logging, shadow, built, uniform_logging)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipelines.synthetic", description="Write a synthetic decision log with known true values."
    )
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--situations", type=int, default=40)
    parser.add_argument("--candidates", type=int, default=4)
    parser.add_argument("--uniform", action="store_true", help="log with a uniform policy (replay applies)")
    parser.add_argument("--not-now", action="store_true", help="let the logger choose not-now")
    parser.add_argument("--logging-temperature", type=float, default=0.25,
                        help="softmax temperature of the logging policy (lower: greedier, smaller propensities)")
    parser.add_argument("--shadow-temperature", type=float, default=0.1, help="softmax temperature of the shadow policy")
    parser.add_argument("--shadow-policy", default=SHADOW_POLICY, help="name the shadow run is logged under")
    parser.add_argument("--missing-reward", type=float, default=0.1, help="share of decisions without a reaction")
    parser.add_argument("--camel-case", action="store_true", help="camelCase field names")
    parser.add_argument("--out", required=True, type=Path, help="JSONL file to write")
    parser.add_argument("--truth", type=Path, help="also write the exact values of the logger, shadow and uniform")
    args = parser.parse_args(argv)
    world = make_world(
        args.seed, args.situations, args.candidates, uniform_logging=args.uniform, not_now=args.not_now,
        logging_temperature=args.logging_temperature, shadow_temperature=args.shadow_temperature,
    )
    rows = world.rows(
        args.rows, args.seed, missing_reward=args.missing_reward, camel_case=args.camel_case,
        shadow_policy=args.shadow_policy,
    )
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, separators=(",", ":")) + "\n")
    uniform = world.situations.mask / world.situations.mask.sum(axis=1, keepdims=True)
    truth = {
        "incumbent": world.true_value(world.logging),
        "shadow": world.true_value(world.shadow),
        "uniform": world.true_value(uniform),
    }
    if args.truth:
        args.truth.write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} decisions to {args.out}; true values {json.dumps(truth)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

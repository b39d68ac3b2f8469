"""Decisions as aligned numpy arrays, the shape every estimator and policy works on.

Each decision has its own candidate list, so actions are padded to the widest decision and a
mask says which slots are real. The pseudo-action "not-now" (show nothing) is appended to
every decision when the log contains at least one not-now choice (logged or shadow): the
action set then does not depend on what was chosen in a particular row, which importance
weighting requires.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Sequence

import numpy as np

from .io import NOT_NOW, Decision, LogFormatError
from .progress import SILENT, ProgressFactory


@dataclass(frozen=True)
class Vocabulary:
    """Names that fix the column layout of context and action features.

    Derived from the whole snapshot (names only, never rewards), so training and evaluation
    rows share one layout.
    """

    context_names: tuple[str, ...]
    categories: tuple[str, ...]
    kinds: tuple[str, ...]
    candidate_feature_names: tuple[str, ...]
    has_not_now: bool

    @classmethod
    def from_decisions(cls, decisions: Sequence[Decision]) -> "Vocabulary":
        context: set[str] = set()
        categories: set[str] = set()
        kinds: set[str] = set()
        features: set[str] = set()
        has_not_now = False
        for d in decisions:
            context.update(d.context)
            has_not_now = has_not_now or NOT_NOW in (d.chosen_id, d.shadow_chosen_id)
            for c in d.candidates:
                categories.add(c.category)
                kinds.add(c.kind)
                features.update(c.features)
        return cls(tuple(sorted(context)), tuple(sorted(categories)), tuple(sorted(kinds)), tuple(sorted(features)), has_not_now)

    @property
    def action_feature_names(self) -> tuple[str, ...]:
        return (
            tuple(f"category={c}" for c in self.categories)
            + tuple(f"kind={k}" for k in self.kinds)
            + self.candidate_feature_names
        )


@dataclass(frozen=True)
class LoggedData:
    """n decisions, K action slots. Object arrays hold ids and raw dicts so `take` is cheap."""

    vocabulary: Vocabulary
    decision_id: np.ndarray  # (n,) object
    person_key: np.ndarray  # (n,) object
    decided_at: np.ndarray  # (n,) datetime64[us], UTC
    policy: np.ndarray  # (n,) object
    policy_version: np.ndarray  # (n,) object
    action_ids: np.ndarray  # (n, K) object, "" in padding
    categories: np.ndarray  # (n, K) object; "not-now" for the pseudo-action
    mask: np.ndarray  # (n, K) bool
    not_now: np.ndarray  # (n, K) bool
    logged: np.ndarray  # (n,) int, slot of the logged choice
    propensity: np.ndarray  # (n,) float
    reward: np.ndarray  # (n,) float, NaN while no reaction came
    context: np.ndarray  # (n, c) float
    action_features: np.ndarray  # (n, K, a) float
    shadow_policy: np.ndarray  # (n,) object or None
    shadow_version: np.ndarray  # (n,) object or None
    shadow_idx: np.ndarray  # (n,) int, -1 without shadow
    shadow_propensity: np.ndarray  # (n,) float, NaN when absent
    raw_context: np.ndarray  # (n,) object: dict
    raw_candidates: np.ndarray  # (n,) object: list of candidate dicts

    @property
    def n(self) -> int:
        return int(self.logged.shape[0])

    @property
    def k(self) -> int:
        return int(self.mask.shape[1])

    @property
    def rewarded(self) -> np.ndarray:
        return ~np.isnan(self.reward)

    @property
    def logged_not_now(self) -> np.ndarray:
        return self.not_now[np.arange(self.n), self.logged]

    def take(self, rows: np.ndarray) -> "LoggedData":
        """The decisions at `rows` (indices or a boolean mask), same layout."""
        rows = np.asarray(rows)
        fields = {
            name: getattr(self, name)[rows]
            for name in self.__dataclass_fields__
            if name != "vocabulary"
        }
        return LoggedData(vocabulary=self.vocabulary, **fields)

    def with_outcomes(self, logged: np.ndarray, propensity: np.ndarray, reward: np.ndarray) -> "LoggedData":
        """Same decisions, other logged choices; used by the synthetic generator."""
        return replace(self, logged=np.asarray(logged), propensity=np.asarray(propensity, float), reward=np.asarray(reward, float))


def build(
    decisions: Sequence[Decision],
    *,
    not_now_reward: float = 0.0,
    vocabulary: Vocabulary | None = None,
    progress: ProgressFactory = SILENT,
) -> LoggedData:
    """Arrays for `decisions`.

    A not-now decision gets `not_now_reward` whatever the log says: nothing was shown, so
    there is no reaction to wait for, and leaving it out would condition on the action.
    """
    vocab = vocabulary or Vocabulary.from_decisions(decisions)
    n = len(decisions)
    k = max([len(d.candidates) for d in decisions] + [1]) + (1 if vocab.has_not_now else 0)
    ctx_index = {name: i for i, name in enumerate(vocab.context_names)}
    cat_index = {name: i for i, name in enumerate(vocab.categories)}
    kind_index = {name: len(vocab.categories) + i for i, name in enumerate(vocab.kinds)}
    feat_offset = len(vocab.categories) + len(vocab.kinds)
    feat_index = {name: feat_offset + i for i, name in enumerate(vocab.candidate_feature_names)}
    a = feat_offset + len(vocab.candidate_feature_names)

    action_ids = np.full((n, k), "", dtype=object)
    categories = np.full((n, k), "", dtype=object)
    mask = np.zeros((n, k), bool)
    not_now = np.zeros((n, k), bool)
    logged = np.zeros(n, int)
    propensity = np.zeros(n)
    reward = np.full(n, np.nan)
    context = np.zeros((n, len(ctx_index)))
    action_features = np.zeros((n, k, a))
    shadow_idx = np.full(n, -1)
    shadow_propensity = np.full(n, np.nan)
    raw_context = np.empty(n, dtype=object)
    raw_candidates = np.empty(n, dtype=object)

    with progress(n, "featurise") as bar:
        for t, d in enumerate(decisions):
            slots: dict[str, int] = {}
            for j, c in enumerate(d.candidates):
                slots[c.id] = j
                action_ids[t, j] = c.id
                categories[t, j] = c.category
                mask[t, j] = True
                if c.category in cat_index:
                    action_features[t, j, cat_index[c.category]] = 1.0
                if c.kind in kind_index:
                    action_features[t, j, kind_index[c.kind]] = 1.0
                for name, value in c.features.items():
                    action_features[t, j, feat_index[name]] = value
            if vocab.has_not_now:
                slots[NOT_NOW] = k - 1
                action_ids[t, k - 1] = NOT_NOW
                categories[t, k - 1] = NOT_NOW
                mask[t, k - 1] = True
                not_now[t, k - 1] = True
            for name, value in d.context.items():
                if name in ctx_index:
                    context[t, ctx_index[name]] = value
            logged[t] = slots[d.chosen_id]
            propensity[t] = d.propensity
            if d.chosen_id == NOT_NOW:
                reward[t] = not_now_reward
            elif d.reward is not None:
                reward[t] = d.reward
            if d.shadow_chosen_id is not None:
                shadow_idx[t] = slots.get(d.shadow_chosen_id, -1)
                if shadow_idx[t] < 0:
                    raise LogFormatError(
                        f"decision {d.decision_id}: field 'shadow_chosen_id' is {NOT_NOW!r} "
                        "but the vocabulary has no not-now action"
                    )
            if d.shadow_propensity is not None:
                shadow_propensity[t] = d.shadow_propensity
            raw_context[t] = dict(d.context)
            raw_candidates[t] = [c.as_dict() for c in d.candidates]
            bar.update()

    def column(values: list[Any]) -> np.ndarray:
        out = np.empty(n, dtype=object)
        out[:] = values
        return out

    return LoggedData(
        vocabulary=vocab,
        decision_id=column([d.decision_id for d in decisions]),
        person_key=column([d.person_key for d in decisions]),
        decided_at=np.array([np.datetime64(d.decided_at.replace(tzinfo=None), "us") for d in decisions], dtype="datetime64[us]"),
        policy=column([d.policy for d in decisions]),
        policy_version=column([d.policy_version for d in decisions]),
        action_ids=action_ids,
        categories=categories,
        mask=mask,
        not_now=not_now,
        logged=logged,
        propensity=propensity,
        reward=reward,
        context=context,
        action_features=action_features,
        shadow_policy=column([d.shadow_policy if d.shadow_chosen_id is not None else None for d in decisions]),
        shadow_version=column([d.shadow_policy_version if d.shadow_chosen_id is not None else None for d in decisions]),
        shadow_idx=shadow_idx,
        shadow_propensity=shadow_propensity,
        raw_context=raw_context,
        raw_candidates=raw_candidates,
    )

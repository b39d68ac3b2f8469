"""A ridge reward model on context x action features, and its cross-fitted predictions.

The doubly robust estimator and the reward-model policies need q(x, a), the expected
reward of showing tip a in context x. A linear model with context-by-action interactions is
enough to soak up most of the variance and is cheap: it is fitted from sufficient
statistics (X'X, X'y) accumulated in chunks, so a large snapshot never needs the full design
matrix in memory, and K-fold cross-fitting costs one pass (each fold's model is the total
minus that fold). Cross-fitting keeps row t's own reward out of q(x_t, .), which is what
keeps DR unbiased when the model overfits.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import LoggedData
from .progress import SILENT, ProgressFactory

CHUNK = 4096


def design(context: np.ndarray, action_features: np.ndarray) -> np.ndarray:
    """phi(x, a) = [1, x, f_a, x (outer) f_a] for every action slot: shape (m, K, d)."""
    m, k, a = action_features.shape
    c = context.shape[1]
    ctx = np.broadcast_to(context[:, None, :], (m, k, c))
    cross = (context[:, None, :, None] * action_features[:, :, None, :]).reshape(m, k, c * a)
    return np.concatenate([np.ones((m, k, 1)), ctx, action_features, cross], axis=2)


def design_width(data: LoggedData) -> int:
    c = data.context.shape[1]
    a = data.action_features.shape[2]
    return 1 + c + a + c * a


def _logged_design(data: LoggedData, rows: np.ndarray) -> np.ndarray:
    phi = design(data.context[rows], data.action_features[rows])
    return phi[np.arange(len(rows)), data.logged[rows]]


@dataclass
class Stats:
    """Sufficient statistics of a least-squares fit."""

    xtx: np.ndarray
    xty: np.ndarray
    sum_x: np.ndarray
    sum_xx: np.ndarray
    n: int
    y_min: float
    y_max: float

    @classmethod
    def empty(cls, d: int) -> "Stats":
        return cls(np.zeros((d, d)), np.zeros(d), np.zeros(d), np.zeros(d), 0, np.inf, -np.inf)

    def add(self, x: np.ndarray, y: np.ndarray) -> None:
        self.xtx += x.T @ x
        self.xty += x.T @ y
        self.sum_x += x.sum(axis=0)
        self.sum_xx += np.square(x).sum(axis=0)
        self.n += len(y)
        if len(y):
            self.y_min = min(self.y_min, float(y.min()))
            self.y_max = max(self.y_max, float(y.max()))

    def __sub__(self, other: "Stats") -> "Stats":
        return Stats(
            self.xtx - other.xtx,
            self.xty - other.xty,
            self.sum_x - other.sum_x,
            self.sum_xx - other.sum_xx,
            self.n - other.n,
            self.y_min,
            self.y_max,
        )


def solve(stats: Stats, alpha: float) -> np.ndarray:
    """Ridge with an unpenalised intercept and the penalty on standardised columns.

    Penalising alpha * var_j * beta_j^2 equals ordinary ridge on standardised features, so
    the features' units do not matter. The pseudo-inverse handles columns that never vary
    (a category no logged choice had) by giving them no weight.
    """
    n = max(stats.n, 1)
    variance = np.maximum(stats.sum_xx / n - np.square(stats.sum_x / n), 0.0)
    penalty = alpha * (variance + 1e-6)
    penalty[0] = 0.0
    return np.linalg.pinv(stats.xtx + np.diag(penalty)) @ stats.xty


@dataclass
class RidgeRewardModel:
    """q(x, a) for real candidates; not-now is the known constant `not_now_reward`."""

    alpha: float = 1.0
    not_now_reward: float = 0.0
    coef: np.ndarray | None = None
    clip: tuple[float, float] = (-np.inf, np.inf)

    def fit(self, data: LoggedData, rows: np.ndarray | None = None) -> "RidgeRewardModel":
        """Fit on the rewarded, non-not-now decisions among `rows`."""
        rows = _training_rows(data, rows)
        stats = Stats.empty(design_width(data))
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            stats.add(_logged_design(data, part), data.reward[part])
        self._set(stats)
        return self

    def _set(self, stats: Stats) -> None:
        if stats.n == 0:
            self.coef = np.zeros(len(stats.xty))
            self.clip = (self.not_now_reward, self.not_now_reward)
            return
        self.coef = solve(stats, self.alpha)
        self.clip = (stats.y_min, stats.y_max)

    def predict(self, data: LoggedData, rows: np.ndarray | None = None) -> np.ndarray:
        """(len(rows), K) predictions, clipped to the observed reward range; 0 in padding."""
        if self.coef is None:
            raise RuntimeError("the reward model must be fitted before it predicts")
        rows = np.arange(data.n) if rows is None else np.asarray(rows)
        out = np.zeros((len(rows), data.k))
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            q = design(data.context[part], data.action_features[part]) @ self.coef
            q = np.clip(q, *self.clip)
            q = np.where(data.not_now[part], self.not_now_reward, q)
            out[start : start + len(part)] = np.where(data.mask[part], q, 0.0)
        return out


def _training_rows(data: LoggedData, rows: np.ndarray | None) -> np.ndarray:
    rows = np.arange(data.n) if rows is None else np.asarray(rows)
    keep = data.rewarded[rows] & ~data.logged_not_now[rows]
    return rows[keep]


def cross_fit(
    data: LoggedData,
    rows: np.ndarray,
    *,
    folds: int = 5,
    alpha: float = 1.0,
    not_now_reward: float = 0.0,
    seed: int = 0,
    progress: ProgressFactory = SILENT,
) -> np.ndarray:
    """q_hat for each of `rows`, each predicted by a model that never saw that row."""
    rows = np.asarray(rows)
    if len(rows) == 0:
        return np.zeros((0, data.k))
    folds = max(2, min(folds, len(rows)))
    assignment = np.random.default_rng(seed).permutation(len(rows)) % folds
    fold_stats = [Stats.empty(design_width(data)) for _ in range(folds)]
    total = Stats.empty(design_width(data))
    trainable = data.rewarded[rows] & ~data.logged_not_now[rows]
    with progress(len(rows) + folds, "reward model") as bar:
        for start in range(0, len(rows), CHUNK):
            part = np.arange(start, min(start + CHUNK, len(rows)))
            part = part[trainable[part]]
            x = _logged_design(data, rows[part])
            y = data.reward[rows[part]]
            total.add(x, y)
            for f in range(folds):
                own = assignment[part] == f
                fold_stats[f].add(x[own], y[own])
            bar.update(min(CHUNK, len(rows) - start))
        q_hat = np.zeros((len(rows), data.k))
        for f in range(folds):
            model = RidgeRewardModel(alpha=alpha, not_now_reward=not_now_reward)
            held_out = total - fold_stats[f]
            held_out.y_min, held_out.y_max = total.y_min, total.y_max
            model._set(held_out)
            own = np.flatnonzero(assignment == f)
            q_hat[own] = model.predict(data, rows[own])
            bar.update()
    return q_hat

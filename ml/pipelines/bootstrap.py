"""Vectorised, seeded percentile bootstrap for ratio-of-sums statistics.

Every estimator here (IPS, SNIPS, DR, replay, the on-policy mean) is a ratio of two sums over
decisions, so one resampling scheme serves them all. Resampling counts are drawn once per
chunk and shared by every statistic: intervals of different policies and of their difference
to the incumbent then come from the same resamples (a paired bootstrap).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from .progress import SILENT, ProgressFactory

# Largest resample-count block held at once (resamples x decisions), about 32 MB of float64.
MAX_BLOCK = 4_000_000


@dataclass(frozen=True)
class Ratio:
    """sum(numerator) / sum(denominator); a plain mean has a denominator of ones."""

    numerator: np.ndarray
    denominator: np.ndarray

    @classmethod
    def mean(cls, values: np.ndarray) -> "Ratio":
        values = np.asarray(values, float)
        return cls(values, np.ones_like(values))

    def value(self) -> float:
        den = float(self.denominator.sum())
        return float(self.numerator.sum()) / den if den != 0 else float("nan")


def resample_statistics(
    stats: Mapping[str, Ratio],
    *,
    n_resamples: int = 1000,
    seed: int = 0,
    progress: ProgressFactory = SILENT,
) -> dict[str, np.ndarray]:
    """The value of each statistic on each of `n_resamples` bootstrap resamples."""
    names = list(stats)
    if not names:
        return {}
    n = len(stats[names[0]].numerator)
    if any(len(s.numerator) != n or len(s.denominator) != n for s in stats.values()):
        raise ValueError("all statistics must be over the same decisions")
    if n == 0:
        return {name: np.full(n_resamples, np.nan) for name in names}
    columns = np.column_stack([stats[m].numerator for m in names] + [stats[m].denominator for m in names])
    width = len(names)
    out = np.empty((n_resamples, width))
    rng = np.random.default_rng(seed)
    block = max(1, min(n_resamples, MAX_BLOCK // n))
    with progress(n_resamples, "bootstrap") as bar:
        for start in range(0, n_resamples, block):
            b = min(block, n_resamples - start)
            draws = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
            counts = np.bincount(draws.ravel(), minlength=b * n).reshape(b, n).astype(float)
            sums = counts @ columns
            with np.errstate(divide="ignore", invalid="ignore"):
                out[start : start + b] = sums[:, :width] / sums[:, width:]
            bar.update(b)
    return {name: out[:, i] for i, name in enumerate(names)}


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval; resamples where a ratio is undefined (all weights zero) are dropped."""
    finite = samples[np.isfinite(samples)]
    if finite.size == 0:
        return float("nan"), float("nan")
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(finite, [tail, 1.0 - tail])
    return float(low), float(high)

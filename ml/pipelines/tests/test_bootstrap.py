from __future__ import annotations

import numpy as np
import pytest

from pipelines.bootstrap import Ratio, percentile_interval, resample_statistics


def test_same_seed_gives_the_same_resamples() -> None:
    values = np.random.default_rng(0).normal(size=300)
    first = resample_statistics({"m": Ratio.mean(values)}, n_resamples=200, seed=4)["m"]
    second = resample_statistics({"m": Ratio.mean(values)}, n_resamples=200, seed=4)["m"]
    assert np.array_equal(first, second)


def test_interval_of_the_mean_matches_the_normal_approximation() -> None:
    values = np.random.default_rng(1).normal(2.0, 1.0, size=2000)
    samples = resample_statistics({"m": Ratio.mean(values)}, n_resamples=2000, seed=0)["m"]
    low, high = percentile_interval(samples)
    half_width = 1.96 * values.std() / np.sqrt(len(values))
    assert low == pytest.approx(values.mean() - half_width, abs=0.01)
    assert high == pytest.approx(values.mean() + half_width, abs=0.01)


def test_ratio_statistic_is_sum_over_sum() -> None:
    ratio = Ratio(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 2.0]))
    assert ratio.value() == pytest.approx(6.0 / 4.0)


def test_resamples_larger_than_one_block_are_all_filled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipelines.bootstrap.MAX_BLOCK", 1000)
    values = np.arange(100, dtype=float)
    samples = resample_statistics({"m": Ratio.mean(values)}, n_resamples=95, seed=0)["m"]
    assert samples.shape == (95,) and np.isfinite(samples).all()


def test_statistics_over_different_decisions_are_refused() -> None:
    with pytest.raises(ValueError, match="same decisions"):
        resample_statistics({"a": Ratio.mean(np.ones(3)), "b": Ratio.mean(np.ones(4))})

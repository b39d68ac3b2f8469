from __future__ import annotations

import numpy as np

from pipelines.reward_model import RidgeRewardModel, cross_fit
from pipelines.synthetic import make_world


def test_cross_fitted_model_recovers_the_true_expected_rewards() -> None:
    world = make_world(seed=4)
    log = world.sample(8000, seed=1)
    q_hat = cross_fit(log.data, np.arange(log.data.n))
    truth = world.true_reward[log.situation]
    real = log.data.mask & ~log.data.not_now
    assert np.corrcoef(q_hat[real], truth[real])[0, 1] > 0.9


def test_not_now_is_predicted_as_its_known_reward() -> None:
    world = make_world(seed=4, not_now=True)
    log = world.sample(500, seed=2)
    model = RidgeRewardModel(not_now_reward=-0.25).fit(log.data)
    assert np.all(model.predict(log.data)[log.data.not_now] == -0.25)


def test_cross_fitting_keeps_each_rows_reward_out_of_its_prediction() -> None:
    log = make_world(seed=4).sample(400, seed=3)
    before = cross_fit(log.data, np.arange(400), seed=0)
    changed = log.data.reward.copy()
    changed[7] = 1.0 - changed[7]
    after = cross_fit(log.data.with_outcomes(log.data.logged, log.data.propensity, changed), np.arange(400), seed=0)
    assert np.allclose(before[7], after[7])

"""The promotion gate refuses and accepts in the right cases (pure function, no data)."""
from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

import pytest

from pipelines.estimators import Estimate
from pipelines.gate import DEFAULT_THRESHOLDS, GateThresholds, ShadowEvidence, promotion_verdict, with_overrides

INCUMBENT = Estimate("on-policy", 0.50, 0.48, 0.52, 2000.0, 2000)


def offline(estimate: float = 0.60, low: float = 0.56, high: float = 0.64, ess: float = 800.0, name: str = "dr") -> dict[str, Estimate]:
    return {name: Estimate(name, estimate, low, high, ess, 2000)}


def shadow(agreement: float = 0.5, value: float = 0.58, low: float = 0.54, high: float = 0.62, decisions: int = 1500) -> ShadowEvidence:
    return ShadowEvidence(
        "lints@2", decisions, agreement, Estimate("dr", value, low, high, 900.0, decisions),
        Estimate("on-policy", 0.50, 0.48, 0.52, float(decisions), decisions),
    )


def failed(verdict) -> set[str]:
    return {c.name for c in verdict.checks if not c.passed}


def test_promotes_when_offline_and_shadow_both_beat_the_incumbent() -> None:
    verdict = promotion_verdict(offline(), INCUMBENT, shadow())
    assert verdict.promote and verdict.reasons == []


def test_refuses_when_offline_lower_bound_does_not_clear_the_incumbent() -> None:
    verdict = promotion_verdict(offline(estimate=0.55, low=0.49), INCUMBENT, shadow())
    assert not verdict.promote and failed(verdict) == {"offline_lower_bound_beats_incumbent"}


def test_refuses_without_a_shadow_run() -> None:
    verdict = promotion_verdict(offline(), INCUMBENT, None)
    assert not verdict.promote and failed(verdict) == {"shadow_ran"}


def test_refuses_when_the_shadow_saw_too_few_decisions() -> None:
    verdict = promotion_verdict(offline(), INCUMBENT, shadow(decisions=50))
    assert not verdict.promote and failed(verdict) == {"shadow_ran"}


def test_refuses_when_the_shadow_rarely_agrees_with_the_incumbent() -> None:
    verdict = promotion_verdict(offline(), INCUMBENT, shadow(agreement=0.1))
    assert not verdict.promote and failed(verdict) == {"shadow_agreement"}


def test_refuses_when_the_shadow_is_worse_online() -> None:
    verdict = promotion_verdict(offline(), INCUMBENT, shadow(value=0.47, low=0.43, high=0.57))
    assert not verdict.promote and failed(verdict) == {"shadow_value_not_worse"}


def test_refuses_when_offline_and_shadow_disagree() -> None:
    verdict = promotion_verdict(offline(estimate=0.70, low=0.66, high=0.74), INCUMBENT, shadow(value=0.55, low=0.52, high=0.58))
    assert not verdict.promote and failed(verdict) == {"offline_and_shadow_agree"}


def test_refuses_when_the_offline_estimate_rests_on_few_effective_decisions() -> None:
    verdict = promotion_verdict(offline(ess=40.0), INCUMBENT, shadow())
    assert not verdict.promote and failed(verdict) == {"offline_effective_sample_size"}


def test_uses_snips_when_no_doubly_robust_estimate_exists() -> None:
    verdict = promotion_verdict(offline(name="snips"), INCUMBENT, shadow())
    assert verdict.promote and verdict.estimator == "snips"


def test_prefers_doubly_robust_over_snips() -> None:
    estimates = {**offline(name="snips", low=0.40), **offline(name="dr")}
    assert promotion_verdict(estimates, INCUMBENT, shadow()).estimator == "dr"


def test_refuses_when_no_preferred_estimator_is_present() -> None:
    verdict = promotion_verdict(offline(name="ips"), INCUMBENT, shadow())
    assert not verdict.promote and "offline_estimate" in failed(verdict)


def test_minimum_lift_raises_the_bar() -> None:
    thresholds = replace(DEFAULT_THRESHOLDS, min_lift=0.1)
    assert not promotion_verdict(offline(), INCUMBENT, shadow(), thresholds).promote


def test_overrides_accept_snake_and_camel_case_names() -> None:
    thresholds = with_overrides({"min_shadow_agreement": "0.2", "minOfflineEss": "50"})
    assert thresholds.min_shadow_agreement == 0.2 and thresholds.min_offline_ess == 50.0


def test_unknown_override_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match="min_shadow_agremeent"):
        with_overrides({"min_shadow_agremeent": "0.2"})


def test_adr_states_the_default_thresholds_of_the_code() -> None:
    adr = (Path(__file__).resolve().parents[3] / "docs/adr/0011-off-policy-evaluation-and-promotion-gate.md").read_text()
    for field in fields(GateThresholds):
        value = getattr(DEFAULT_THRESHOLDS, field.name)
        shown = "/".join(value) if isinstance(value, tuple) else f"{value:g}"
        assert re.search(rf"`{field.name}`\s*\|\s*`?{re.escape(shown)}`?", adr), field.name

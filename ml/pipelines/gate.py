"""The promotion gate: may a candidate policy replace the incumbent?

ADR-0002 (seed): a new policy runs in the shadow first and is promoted only when the offline
evaluation and the online shadow agree with the incumbent. ADR-0011 fixes what that means in
numbers; the defaults below are those numbers, kept in this one place. The gate is a pure
function of estimates so it can be tested without data and rerun on any summary.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Mapping

from .estimators import Estimate


@dataclass(frozen=True)
class GateThresholds:
    """What a candidate must show; see docs/adr/0011-off-policy-evaluation-and-promotion-gate.md."""

    # Offline estimators in order of preference: the first one present is used.
    estimators: tuple[str, ...] = ("dr", "snips")
    # The offline interval's lower bound must exceed the incumbent's value by more than this.
    min_lift: float = 0.0
    # Below this Kish effective sample size the offline estimate rests on a few decisions.
    min_offline_ess: float = 100.0
    # Rewarded decisions the shadow must have seen before its online evidence counts.
    min_shadow_decisions: int = 200
    # Share of decisions where the shadow chose what the incumbent chose.
    min_shadow_agreement: float = 0.3
    # The shadow's online value may fall short of the incumbent's (same decisions) by at most this.
    max_shadow_shortfall: float = 0.0

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["estimators"] = list(self.estimators)
        return {_camel(k): v for k, v in out.items()}


DEFAULT_THRESHOLDS = GateThresholds()


def with_overrides(overrides: Mapping[str, str], base: GateThresholds = DEFAULT_THRESHOLDS) -> GateThresholds:
    """`{"min_shadow_agreement": "0.25"}` (or camelCase keys) applied to the defaults, typed."""
    known = {f.name: f for f in fields(GateThresholds)}
    changes: dict[str, Any] = {}
    for key, raw in overrides.items():
        name = "".join("_" + c.lower() if c.isupper() else c for c in key).replace("-", "_")
        if name not in known:
            raise ValueError(f"unknown gate threshold {key!r}; known: {', '.join(known)}")
        current = getattr(base, name)
        try:
            if isinstance(current, tuple):
                changes[name] = tuple(p.strip() for p in raw.split("/") if p.strip())
            else:
                changes[name] = type(current)(raw)
        except ValueError:
            raise ValueError(f"gate threshold {key}={raw!r} is not a {type(current).__name__}") from None
    return replace(base, **changes)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@dataclass(frozen=True)
class ShadowEvidence:
    """What the online shadow run of the candidate showed."""

    name: str
    decisions: int
    agreement: float
    value: Estimate
    incumbent_value: Estimate


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Verdict:
    promote: bool
    estimator: str | None
    shadow: str | None
    checks: tuple[Check, ...]

    @property
    def reasons(self) -> list[str]:
        """Why the candidate is held back; empty when it is promoted."""
        return [c.detail for c in self.checks if not c.passed]

    def as_json(self) -> dict[str, Any]:
        return {
            "promote": self.promote,
            "estimator": self.estimator,
            "shadow": self.shadow,
            "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in self.checks],
        }


def promotion_verdict(
    offline: Mapping[str, Estimate],
    incumbent: Estimate,
    shadow: ShadowEvidence | None,
    thresholds: GateThresholds = DEFAULT_THRESHOLDS,
) -> Verdict:
    """Promote only if every check passes; every check is reported either way."""
    checks: list[Check] = []
    chosen = next((name for name in thresholds.estimators if name in offline), None)
    if chosen is None:
        checks.append(Check("offline_estimate", False, f"no offline estimate among {', '.join(thresholds.estimators)}"))
    else:
        est = offline[chosen]
        bar = incumbent.estimate + thresholds.min_lift
        checks.append(
            Check(
                "offline_lower_bound_beats_incumbent",
                est.ci_low > bar,
                f"offline {chosen} 95% CI lower bound {est.ci_low:.4f} vs incumbent {incumbent.estimate:.4f}"
                f" + min lift {thresholds.min_lift:g}",
            )
        )
        checks.append(
            Check(
                "offline_effective_sample_size",
                est.ess >= thresholds.min_offline_ess,
                f"offline effective sample size {est.ess:.0f} (minimum {thresholds.min_offline_ess:g})",
            )
        )
    if shadow is None:
        checks.append(Check("shadow_ran", False, "no shadow run of this policy in the log"))
        return Verdict(False, chosen, None, tuple(checks))
    checks.append(
        Check(
            "shadow_ran",
            shadow.decisions >= thresholds.min_shadow_decisions,
            f"shadow {shadow.name} has {shadow.decisions} rewarded decisions (minimum {thresholds.min_shadow_decisions})",
        )
    )
    checks.append(
        Check(
            "shadow_agreement",
            shadow.agreement >= thresholds.min_shadow_agreement,
            f"shadow agrees with the incumbent on {shadow.agreement:.1%} of decisions"
            f" (minimum {thresholds.min_shadow_agreement:.0%})",
        )
    )
    checks.append(
        Check(
            "shadow_value_not_worse",
            shadow.value.estimate >= shadow.incumbent_value.estimate - thresholds.max_shadow_shortfall,
            f"shadow value {shadow.value.estimate:.4f} vs incumbent {shadow.incumbent_value.estimate:.4f}"
            f" on the same decisions (allowed shortfall {thresholds.max_shadow_shortfall:g})",
        )
    )
    if chosen is not None:
        est = offline[chosen]
        overlap = est.ci_low <= shadow.value.ci_high and shadow.value.ci_low <= est.ci_high
        checks.append(
            Check(
                "offline_and_shadow_agree",
                overlap,
                f"offline CI [{est.ci_low:.4f}, {est.ci_high:.4f}] and shadow CI"
                f" [{shadow.value.ci_low:.4f}, {shadow.value.ci_high:.4f}] {'overlap' if overlap else 'do not overlap'}",
            )
        )
    return Verdict(all(c.passed for c in checks), chosen, shadow.name, tuple(checks))

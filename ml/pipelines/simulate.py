"""Offline simulation: estimate candidate policies against the incumbent on a decision log.

    python3 -m pipelines.simulate --input log.jsonl --policy uniform --policy lints --out report/
    python3 -m pipelines.simulate --dsn postgresql://postgres@127.0.0.1:5432/oo --schema asof_2025_06_01

The log is split in time order: policies that learn are fitted on the first part and every
estimate (the incumbent's included) is made on the rest, so all numbers describe the same
decisions. The shadow columns give the online evidence; the gate (gate.py) combines both.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from . import data as data_module
from .data import LoggedData
from .estimators import Evaluation, agreement, evaluate, is_uniform_logging
from .gate import DEFAULT_THRESHOLDS, GateThresholds, ShadowEvidence, Verdict, promotion_verdict, with_overrides
from .io import LogFormatError, Decision, read_jsonl, read_postgres
from .policies import DEFAULT_POLICIES, PolicyOptions, PolicySpecError, make_policy, parse_spec
from .progress import SILENT, ProgressFactory
from .reward_model import cross_fit

# Below this logged propensity a single decision can carry a weight of 100 or more.
DEFAULT_MIN_PROPENSITY = 0.01
# Share of the log used to fit learning policies when the analyst does not say.
DEFAULT_TRAIN_FRACTION = 0.5


@dataclass(frozen=True)
class Settings:
    """Everything a run depends on besides the log; recorded in summary.json."""

    policies: tuple[str, ...] = DEFAULT_POLICIES
    train_fraction: float | None = None
    not_now_reward: float = 0.0
    n_resamples: int = 1000
    seed: int = 0
    folds: int = 5
    ridge_alpha: float = 1.0
    level: float = 0.95
    uniform_logging: str = "auto"
    min_propensity: float = DEFAULT_MIN_PROPENSITY
    rolling_window: int = 200
    lints_state: Path | None = None
    shadow_match: dict[str, str] = field(default_factory=dict)
    thresholds: GateThresholds = DEFAULT_THRESHOLDS


@dataclass(frozen=True)
class Series:
    """Per-decision arrays the report plots."""

    decided_at: np.ndarray
    reward: np.ndarray
    propensity: np.ndarray
    cutoff: np.datetime64 | None
    min_propensity: float


@dataclass(frozen=True)
class Result:
    summary: dict[str, Any]
    series: Series


def _iso(stamp: np.datetime64 | None) -> str | None:
    if stamp is None:
        return None
    return datetime.fromisoformat(str(np.datetime_as_string(stamp, unit="s"))).replace(tzinfo=timezone.utc).isoformat()


def _nan_to_none(value: Any) -> Any:
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _nan_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nan_to_none(v) for v in value]
    return value


def _shadow_groups(data: LoggedData) -> dict[tuple[str, str | None], np.ndarray]:
    groups: dict[tuple[str, str | None], list[int]] = {}
    for t in np.flatnonzero(data.shadow_idx >= 0):
        groups.setdefault((data.shadow_policy[t], data.shadow_version[t]), []).append(int(t))
    return {key: np.array(rows) for key, rows in groups.items()}


def _label(name: str, version: str | None) -> str:
    return f"{name}@{version}" if version is not None else name


def match_shadow(spec: str, labels: dict[str, tuple[str, str | None]], last_seen: dict[str, np.datetime64], explicit: dict[str, str]) -> str | None:
    """The shadow run that stands for a candidate.

    An explicit `--shadow-match SPEC=NAME[@VERSION]` wins; otherwise a shadow whose policy
    name equals the spec or the spec's base name, its most recently seen version first.
    """
    if spec in explicit:
        wanted = explicit[spec]
        if wanted in labels:
            return wanted
        named = [label for label, (name, _) in labels.items() if name == wanted]
    else:
        base, _ = parse_spec(spec)
        named = [label for label, (name, _) in labels.items() if name in (spec, base)]
    return max(named, key=lambda label: last_seen[label]) if named else None


def run(decisions: Sequence[Decision], settings: Settings, source: dict[str, Any], progress: ProgressFactory = SILENT) -> Result:
    """Estimate, gate and summarise; pure apart from the progress output."""
    if not decisions:
        raise LogFormatError("the snapshot holds no decisions")
    if len(set(settings.policies)) != len(settings.policies):
        raise PolicySpecError("a policy spec is listed twice")
    data = data_module.build(decisions, not_now_reward=settings.not_now_reward, progress=progress)
    options = PolicyOptions(
        not_now_reward=settings.not_now_reward,
        ridge_alpha=settings.ridge_alpha,
        seed=settings.seed,
        lints_state=settings.lints_state,
    )
    policies = {spec: make_policy(spec, options) for spec in settings.policies}
    learns = any(p.learns for p in policies.values())
    warnings: list[str] = []

    fraction = settings.train_fraction if settings.train_fraction is not None else (DEFAULT_TRAIN_FRACTION if learns else 0.0)
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"--train-fraction must be in [0, 1), got {fraction}")
    n_train = int(round(data.n * fraction))
    train_rows = np.arange(n_train)
    eval_rows = np.arange(n_train, data.n)
    cutoff = data.decided_at[n_train] if 0 < n_train < data.n else None
    if learns and n_train == 0:
        warnings.append("learning policies were given no training decisions (train fraction 0)")
    rewarded = data.rewarded
    eval_rewarded = eval_rows[rewarded[eval_rows]]
    if len(eval_rewarded) == 0:
        raise LogFormatError("no decision in the evaluation part of the log has a reward")

    for spec, policy in policies.items():
        policy.fit(data, train_rows[rewarded[train_rows]], progress)

    all_rewarded = np.flatnonzero(rewarded)
    q_hat = np.zeros((data.n, data.k))
    q_hat[all_rewarded] = cross_fit(
        data, all_rewarded, folds=settings.folds, alpha=settings.ridge_alpha,
        not_now_reward=settings.not_now_reward, seed=settings.seed, progress=progress,
    )

    probabilities: dict[str, np.ndarray] = {}
    agreements: dict[str, float] = {}
    position = np.full(data.n, -1)
    position[eval_rows] = np.arange(len(eval_rows))
    for spec, policy in policies.items():
        pi = policy.probabilities(data, eval_rows, progress)
        agreements[spec] = agreement(pi, data.logged[eval_rows], data.mask[eval_rows])
        probabilities[spec] = pi[position[eval_rewarded]]

    detected = is_uniform_logging(data.propensity[eval_rewarded], data.mask[eval_rewarded])
    use_replay = settings.uniform_logging == "yes" or (settings.uniform_logging == "auto" and detected)
    if settings.uniform_logging == "yes" and not detected:
        warnings.append("uniform logging was declared but the logged propensities are not 1/(number of actions)")
    action_counts = data.mask[eval_rewarded].sum(axis=1)
    if use_replay and action_counts.min() != action_counts.max():
        warnings.append("replay assumes a constant number of actions; this log's varies, so trust SNIPS over replay")

    evaluation = evaluate(
        probabilities,
        logged=data.logged[eval_rewarded],
        propensity=data.propensity[eval_rewarded],
        reward=data.reward[eval_rewarded],
        q_hat=q_hat[eval_rewarded],
        with_replay=use_replay,
        n_resamples=settings.n_resamples,
        seed=settings.seed,
        level=settings.level,
        progress=progress,
    )

    shadows = _shadow_summaries(data, q_hat, settings, progress)
    evidence = {label: s["evidence"] for label, s in shadows.items()}
    labels = {label: (s["policy"], s["policyVersion"]) for label, s in shadows.items()}
    last_seen = {label: s["lastSeen"] for label, s in shadows.items()}
    verdicts: dict[str, Verdict] = {}
    for spec in policies:
        label = match_shadow(spec, labels, last_seen, settings.shadow_match)
        verdicts[spec] = promotion_verdict(
            evaluation.policies[spec], evaluation.incumbent, evidence.get(label) if label else None, settings.thresholds
        )

    warnings += _warnings(data, eval_rewarded, evaluation, settings)
    summary = _summary(
        data, settings, source, fraction, n_train, eval_rows, eval_rewarded, cutoff, detected, use_replay,
        evaluation, agreements, policies, shadows, verdicts, warnings,
    )
    series = Series(
        decided_at=data.decided_at[rewarded],
        reward=data.reward[rewarded],
        propensity=data.propensity,
        cutoff=cutoff,
        min_propensity=settings.min_propensity,
    )
    return Result(_nan_to_none(summary), series)


def _shadow_summaries(data: LoggedData, q_hat: np.ndarray, settings: Settings, progress: ProgressFactory) -> dict[str, dict[str, Any]]:
    """Agreement and value of every shadow run in the log.

    The shadow's logged choice is treated as a deterministic policy: over the logger's own
    randomness, 1[shadow = logged] r / mu is unbiased for the shadow's value when the two
    draws are independent; DR adds the reward model's prediction of the shadow's choice.
    The mean logged propensity estimates how often the incumbent would agree with an
    independent draw of itself, the ceiling a stochastic shadow's agreement is read against.
    """
    out: dict[str, dict[str, Any]] = {}
    for (name, version), rows in _shadow_groups(data).items():
        label = _label(name, version)
        agree = float(np.mean(data.shadow_idx[rows] == data.logged[rows]))
        rewarded_rows = rows[data.rewarded[rows]]
        entry: dict[str, Any] = {
            "label": label,
            "policy": name,
            "policyVersion": version,
            "decisions": int(len(rows)),
            "rewarded": int(len(rewarded_rows)),
            "agreement": agree,
            "incumbentSelfAgreement": float(data.propensity[rows].mean()),
            "lastSeen": data.decided_at[rows].max(),
            "firstSeen": data.decided_at[rows].min(),
            "value": {},
            "incumbentOnSameDecisions": None,
            "evidence": None,
        }
        if len(rewarded_rows):
            one_hot = np.zeros((len(rewarded_rows), data.k))
            one_hot[np.arange(len(rewarded_rows)), data.shadow_idx[rewarded_rows]] = 1.0
            result = evaluate(
                {label: one_hot},
                logged=data.logged[rewarded_rows],
                propensity=data.propensity[rewarded_rows],
                reward=data.reward[rewarded_rows],
                q_hat=q_hat[rewarded_rows],
                with_replay=False,
                n_resamples=settings.n_resamples,
                seed=settings.seed,
                level=settings.level,
                progress=progress,
            )
            estimates = result.policies[label]
            entry["value"] = {name_: e.as_json() for name_, e in estimates.items()}
            entry["incumbentOnSameDecisions"] = result.incumbent.as_json()
            preferred = next(e for e in settings.thresholds.estimators + ("snips",) if e in estimates)
            entry["estimator"] = preferred
            entry["evidence"] = ShadowEvidence(label, len(rewarded_rows), agree, estimates[preferred], result.incumbent)
        out[label] = entry
    return out


def _warnings(data: LoggedData, eval_rewarded: np.ndarray, evaluation: Evaluation, settings: Settings) -> list[str]:
    out: list[str] = []
    low = int((data.propensity < settings.min_propensity).sum())
    if low:
        out.append(
            f"{low} decision(s) have a logged propensity below {settings.min_propensity:g} "
            f"(minimum {data.propensity.min():.2g}): their importance weights can dominate IPS"
        )
    pairs = {(p, v) for p, v in zip(data.policy[eval_rewarded], data.policy_version[eval_rewarded])}
    if len(pairs) > 1:
        out.append(f"the evaluation decisions were logged by {len(pairs)} policy versions; the incumbent is their mixture")
    for spec, estimates in evaluation.policies.items():
        ess = min(e.ess for e in estimates.values())
        if ess < settings.thresholds.min_offline_ess:
            out.append(f"{spec}: effective sample size {ess:.0f} is below {settings.thresholds.min_offline_ess:g}")
    return out


def _summary(
    data: LoggedData, settings: Settings, source: dict[str, Any], fraction: float, n_train: int,
    eval_rows: np.ndarray, eval_rewarded: np.ndarray, cutoff: np.datetime64 | None, detected: bool, use_replay: bool,
    evaluation: Evaluation, agreements: dict[str, float], policies: dict[str, Any],
    shadows: dict[str, dict[str, Any]], verdicts: dict[str, Verdict], warnings: list[str],
) -> dict[str, Any]:
    logging: dict[tuple[str, str], int] = {}
    for p, v in zip(data.policy[eval_rows], data.policy_version[eval_rows]):
        logging[(p, v)] = logging.get((p, v), 0) + 1
    incumbent_name = " + ".join(_label(p, v) for (p, v), _ in sorted(logging.items(), key=lambda kv: -kv[1]))
    not_now = data.logged_not_now
    return {
        "schemaVersion": 1,
        "generatedAt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": source,
        "settings": {
            "policies": list(settings.policies),
            "resamples": settings.n_resamples,
            "seed": settings.seed,
            "confidenceLevel": settings.level,
            "folds": settings.folds,
            "ridgeAlpha": settings.ridge_alpha,
            "trainFraction": fraction,
            "notNowReward": settings.not_now_reward,
            "uniformLogging": settings.uniform_logging,
            "minPropensity": settings.min_propensity,
            "rollingWindow": settings.rolling_window,
        },
        "counts": {
            "decisions": data.n,
            "withoutReward": int((~data.rewarded).sum()),
            "notNow": int(not_now.sum()),
            "training": n_train,
            "evaluation": int(len(eval_rows)),
            "evaluationRewarded": int(len(eval_rewarded)),
        },
        "period": {
            "from": _iso(data.decided_at.min()),
            "to": _iso(data.decided_at.max()),
            "trainEvaluationCutoff": _iso(cutoff),
        },
        "loggingPolicies": [
            {"policy": p, "policyVersion": v, "decisions": n} for (p, v), n in sorted(logging.items(), key=lambda kv: -kv[1])
        ],
        "uniformLogging": {"detected": detected, "declared": settings.uniform_logging, "replayUsed": use_replay},
        "propensity": {
            "min": float(data.propensity.min()),
            "max": float(data.propensity.max()),
            "mean": float(data.propensity.mean()),
            "belowMinimum": int((data.propensity < settings.min_propensity).sum()),
        },
        "incumbent": {"policy": incumbent_name, **evaluation.incumbent.as_json()},
        "policies": {
            spec: {
                "learns": bool(policies[spec].learns),
                "agreement": agreements[spec],
                "estimators": {
                    name: {
                        **e.as_json(),
                        "lift": evaluation.lifts[spec][name].estimate,
                        "liftCiLow": evaluation.lifts[spec][name].ci_low,
                        "liftCiHigh": evaluation.lifts[spec][name].ci_high,
                    }
                    for name, e in evaluation.policies[spec].items()
                },
                "gate": verdicts[spec].as_json(),
            }
            for spec in policies
        },
        "shadow": [
            {
                key: (_iso(value) if key in ("lastSeen", "firstSeen") else value)
                for key, value in entry.items()
                if key != "evidence"
            }
            for entry in shadows.values()
        ],
        "gate": {
            "thresholds": settings.thresholds.as_json(),
            "verdicts": {spec: v.as_json() for spec, v in verdicts.items()},
            "promote": [spec for spec, v in verdicts.items() if v.promote],
        },
        "warnings": warnings,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipelines.simulate",
        description="Off-policy evaluation of candidate policies on an oO decision-log snapshot.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", type=Path, help="decision log as JSONL (snake_case or camelCase fields)")
    source.add_argument("--dsn", help="PostgreSQL DSN, e.g. postgresql://postgres@127.0.0.1:5432/oo")
    parser.add_argument("--schema", default="public", help="schema holding decision_log (an as-of snapshot schema)")
    parser.add_argument("--table", default="decision_log")
    parser.add_argument("--policy", action="append", dest="policies", metavar="SPEC",
                        help=f"candidate policy (repeatable); default: {', '.join(DEFAULT_POLICIES)}")
    parser.add_argument("--lints-state", type=Path, help="saved serving bandit state (JSON) for the lints policy")
    parser.add_argument("--train-fraction", type=float,
                        help=f"share of the log, in time order, that fits learning policies (default {DEFAULT_TRAIN_FRACTION} "
                        "when one learns, else 0)")
    parser.add_argument("--not-now-reward", type=float, default=0.0, help="reward of a not-now decision (default 0)")
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=5, help="cross-fitting folds of the reward model")
    parser.add_argument("--ridge-alpha", type=float, default=1.0)
    parser.add_argument("--uniform-logging", choices=("auto", "yes", "no"), default="auto",
                        help="whether the log was collected uniformly at random (enables replay)")
    parser.add_argument("--min-propensity", type=float, default=DEFAULT_MIN_PROPENSITY,
                        help="warn about logged propensities below this")
    parser.add_argument("--rolling-window", type=int, default=200, help="decisions per point of the reward-over-time plot")
    parser.add_argument("--shadow-match", action="append", default=[], metavar="SPEC=NAME[@VERSION]",
                        help="which shadow run stands for a candidate policy")
    parser.add_argument("--gate", action="append", default=[], metavar="THRESHOLD=VALUE",
                        help="override a gate default (see gate.py / ADR-0011), e.g. min_shadow_agreement=0.25")
    parser.add_argument("--out", type=Path, help="directory for report.html and summary.json")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    progress = ProgressFactory(enabled=not args.no_progress)
    shadow_match: dict[str, str] = {}
    for item in args.shadow_match:
        spec, sep, label = item.rpartition("=")
        if not sep or not spec:
            print(f"error: --shadow-match {item!r} is not SPEC=NAME[@VERSION]", file=sys.stderr)
            return 2
        shadow_match[spec] = label
    overrides: dict[str, str] = {}
    for item in args.gate:
        key, sep, value = item.partition("=")
        if not sep:
            print(f"error: --gate {item!r} is not THRESHOLD=VALUE", file=sys.stderr)
            return 2
        overrides[key.strip()] = value.strip()
    try:
        thresholds = with_overrides(overrides)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    settings = Settings(
        policies=tuple(args.policies or DEFAULT_POLICIES),
        train_fraction=args.train_fraction,
        not_now_reward=args.not_now_reward,
        n_resamples=args.resamples,
        seed=args.seed,
        folds=args.folds,
        ridge_alpha=args.ridge_alpha,
        uniform_logging=args.uniform_logging,
        min_propensity=args.min_propensity,
        rolling_window=args.rolling_window,
        lints_state=args.lints_state,
        shadow_match=shadow_match,
        thresholds=thresholds,
    )
    try:
        if args.input:
            decisions = read_jsonl(args.input, progress)
            source = {"kind": "jsonl", "path": str(args.input)}
        else:
            decisions = read_postgres(args.dsn, args.schema, args.table, progress)
            source = {"kind": "postgresql", "schema": args.schema, "table": args.table}
        result = run(decisions, settings, source, progress)
    except (LogFormatError, PolicySpecError, ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # Imported here: report.py imports Series from this module, and loads matplotlib.
    from .report import format_table, write_outputs

    print(format_table(result.summary))
    if args.out:
        paths = write_outputs(args.out, result.summary, result.series)
        print("wrote " + ", ".join(str(p) for p in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

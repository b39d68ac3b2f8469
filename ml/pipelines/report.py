"""report.html (self-contained, plots as base64 PNG) and summary.json.

Figures are drawn with matplotlib's object API and rendered by Agg, never through pyplot.
The page follows oO's look, a black page with white text, but is built for reading numbers:
muted grid lines, one accent colour per estimator, the incumbent always drawn the same way
(a white dashed line with a grey band for its interval), and the gate verdict first.
"""
from __future__ import annotations

import base64
import html
import io as _io
import json
from pathlib import Path
from typing import Any, Iterable

import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .simulate import Series

BACKGROUND = "#000000"
PANEL = "#0d0d0d"
TEXT = "#f2f2f2"
MUTED = "#9a9a9a"
GRID = "#2a2a2a"
PASS = "#81c995"
FAIL = "#f28b82"
WARN = "#fdd663"
ESTIMATOR_COLOURS = {"ips": "#8ab4f8", "snips": "#c58af9", "dr": "#81c995", "replay": "#fdd663"}
SHADOW_COLOUR = "#f6aea9"

STYLE = {
    "figure.facecolor": BACKGROUND,
    "axes.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND,
    "axes.edgecolor": GRID,
    "axes.labelcolor": TEXT,
    "axes.titlecolor": TEXT,
    "text.color": TEXT,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "grid.color": GRID,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.linewidth": 0.6,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure outside pyplot: no global figure registry, no GUI backend, Agg renders the PNG."""
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def _png(fig: Figure) -> str:
    buffer = _io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _incumbent_band(ax: Axes, incumbent: dict[str, Any], vertical: bool = True) -> None:
    if incumbent["ciLow"] is not None:
        span = ax.axvspan if vertical else ax.axhspan
        span(incumbent["ciLow"], incumbent["ciHigh"], color="#ffffff", alpha=0.08, lw=0)
    line = ax.axvline if vertical else ax.axhline
    line(incumbent["estimate"], color=TEXT, ls="--", lw=1, label="incumbent (on-policy)")


def plot_estimates(summary: dict[str, Any]) -> str:
    """Each policy's estimates with their intervals, against the incumbent's value."""
    policies = list(summary["policies"].items())
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure(9, 0.9 + 0.75 * max(1, len(policies)))
        _incumbent_band(ax, summary["incumbent"])
        names = [n for n in ESTIMATOR_COLOURS if any(n in e["estimators"] for _, e in policies)]
        step = 0.6 / max(1, len(names))
        for i, (_, entry) in enumerate(policies):
            for j, name in enumerate(names):
                e = entry["estimators"].get(name)
                if e is None:
                    continue
                y = i + (j - (len(names) - 1) / 2) * step
                low = e["estimate"] - (e["ciLow"] if e["ciLow"] is not None else e["estimate"])
                high = (e["ciHigh"] if e["ciHigh"] is not None else e["estimate"]) - e["estimate"]
                ax.errorbar(e["estimate"], y, xerr=[[low], [high]], fmt="o", ms=5, capsize=3,
                            color=ESTIMATOR_COLOURS[name], label=name.upper() if i == 0 else None)
        ax.set_yticks(range(len(policies)), [spec for spec, _ in policies])
        ax.invert_yaxis()
        ax.set_xlabel("estimated value (mean reward per decision)")
        ax.set_title("Policy value, 95% bootstrap intervals")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 - 0.3 / max(1, len(policies))), ncol=5, fontsize=9)
        return _png(fig)


def plot_reward_over_time(series: Series, window: int) -> str:
    """Rolling mean reward of the logged policy: drift shows here before it shows anywhere else."""
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure(9, 3.2)
        frame = pd.DataFrame({"t": series.decided_at, "r": series.reward}).sort_values("t")
        if len(frame):
            window = max(1, min(window, len(frame)))
            rolling = frame["r"].rolling(window, min_periods=max(1, window // 4)).mean()
            ax.plot(frame["t"], rolling, color=TEXT, lw=1.0)
            ax.set_xlim(frame["t"].iloc[0], frame["t"].iloc[-1])
        if series.cutoff is not None:
            ax.axvline(series.cutoff, color=WARN, lw=1, ls=":")
            ax.annotate("  fit | evaluate", (series.cutoff, 1), xycoords=("data", "axes fraction"),
                        color=WARN, va="top", fontsize=9)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
        ax.set_ylabel(f"reward, rolling mean of {window}")
        ax.set_title("Logged policy reward over time")
        return _png(fig)


def plot_propensities(series: Series) -> str:
    """Where the logged propensities sit; the ones below the minimum (red) make weights explode."""
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure(9, 3.0)
        bins = np.linspace(0, 1, 51)
        low = series.propensity < series.min_propensity
        ax.hist(series.propensity[~low], bins=bins, color="#8ab4f8", alpha=0.9)
        if low.any():
            ax.hist(series.propensity[low], bins=np.linspace(0, series.min_propensity, 3), color=FAIL)
        ax.axvline(series.min_propensity, color=FAIL, lw=1.2, ls="--")
        note = f"{int(low.sum())} below {series.min_propensity:g}" if low.any() else f"none below {series.min_propensity:g}"
        ax.annotate(note, (series.min_propensity, 0.95), xycoords=("data", "axes fraction"),
                    xytext=(6, 0), textcoords="offset points", color=FAIL if low.any() else MUTED, va="top")
        ax.set_xlim(0, 1)
        ax.set_xlabel("logged propensity")
        ax.set_ylabel("decisions")
        ax.set_title("Logged propensities")
        return _png(fig)


def plot_agreement(summary: dict[str, Any]) -> str:
    """How often each policy's most probable action, or the shadow's choice, is the logged one."""
    rows = [(spec, e["agreement"], ESTIMATOR_COLOURS["ips"]) for spec, e in summary["policies"].items()]
    rows += [(f"shadow {s['label']}", s["agreement"], SHADOW_COLOUR) for s in summary["shadow"]]
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure(9, 0.8 + 0.45 * max(1, len(rows)))
        ax.barh([r[0] for r in rows], [r[1] or 0 for r in rows], color=[r[2] for r in rows], height=0.6)
        for i, (_, value, _) in enumerate(rows):
            ax.text((value or 0) + 0.01, i, f"{(value or 0):.0%}", va="center", color=TEXT, fontsize=9)
        threshold = summary["gate"]["thresholds"]["minShadowAgreement"]
        ax.axvline(threshold, color=WARN, ls=":", lw=1)
        ax.set_xlim(0, 1.08)
        ax.invert_yaxis()
        ax.set_xlabel("share of decisions agreeing with the incumbent's logged choice")
        ax.set_title("Agreement with the incumbent")
        return _png(fig)


def plot_ess(summary: dict[str, Any]) -> str:
    """Effective sample size per policy against the decisions evaluated.

    IPS, SNIPS and DR share the importance weights and so one ESS; replay has its own.
    """
    policies = list(summary["policies"].items())
    kinds = [("importance weights", "ips", ESTIMATOR_COLOURS["ips"])]
    if any("replay" in e["estimators"] for _, e in policies):
        kinds.append(("replay", "replay", ESTIMATOR_COLOURS["replay"]))
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure(9, 1.0 + 0.5 * max(1, len(policies)) * len(kinds))
        height = 0.7 / len(kinds)
        for j, (label, name, colour) in enumerate(kinds):
            ys = [i + (j - (len(kinds) - 1) / 2) * height for i in range(len(policies))]
            values = [(e["estimators"].get(name) or {}).get("ess") or 0 for _, e in policies]
            ax.barh(ys, values, height=height * 0.9, color=colour, label=label)
            for y, v in zip(ys, values):
                ax.text(v, y, f" {v:,.0f}", va="center", color=TEXT, fontsize=9)
        n = summary["incumbent"]["n"]
        ax.axvline(n, color=TEXT, ls="--", lw=1, label=f"decisions evaluated ({n:,})")
        ax.axvline(summary["gate"]["thresholds"]["minOfflineEss"], color=WARN, ls=":", lw=1, label="gate minimum")
        ax.set_yticks(range(len(policies)), [spec for spec, _ in policies])
        ax.set_xlim(0, n * 1.12)
        ax.invert_yaxis()
        ax.set_xlabel("effective sample size (Kish)")
        ax.set_title("Effective sample size")
        ax.legend(fontsize=9, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.25))
        return _png(fig)


def plot_shadow(summary: dict[str, Any]) -> str | None:
    """Each shadow's online value next to the incumbent's on the same decisions."""
    shadows = [s for s in summary["shadow"] if s["incumbentOnSameDecisions"]]
    if not shadows:
        return None
    with matplotlib.rc_context(STYLE):
        fig, ax = _figure(9, 1.2 + 0.7 * len(shadows))
        for i, s in enumerate(shadows):
            inc = s["incumbentOnSameDecisions"]
            value = s["value"][s["estimator"]]
            for offset, e, colour, label in ((-0.15, inc, TEXT, "incumbent"), (0.15, value, SHADOW_COLOUR, "shadow " + s["estimator"].upper())):
                ax.errorbar(e["estimate"], i + offset, xerr=[[e["estimate"] - e["ciLow"]], [e["ciHigh"] - e["estimate"]]],
                            fmt="o", ms=5, capsize=3, color=colour, label=label if i == 0 else None)
        ax.set_yticks(range(len(shadows)), [s["label"] for s in shadows])
        ax.set_ylim(len(shadows) - 0.5, -0.5)
        ax.set_xlabel("value on the decisions the shadow ran on")
        ax.set_title("Shadow runs: online value vs incumbent")
        ax.legend(fontsize=9, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.35))
        return _png(fig)


CSS = """
:root { color-scheme: dark; }
body { background: #000; color: #f2f2f2; margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 48px 32px 96px; }
h1 { font-weight: 300; font-size: 34px; letter-spacing: .02em; margin: 0 0 4px; }
h1 b { font-weight: 700; }
h2 { font-weight: 500; font-size: 19px; margin: 48px 0 12px; padding-bottom: 6px; border-bottom: 1px solid #222; }
p, li { color: #cfcfcf; }
.muted { color: #9a9a9a; font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
.card { background: #0d0d0d; border: 1px solid #222; border-radius: 10px; padding: 14px 16px; }
.card h3 { margin: 0 0 6px; font-size: 15px; font-weight: 600; word-break: break-all; }
.badge { display: inline-block; font-size: 12px; font-weight: 700; letter-spacing: .08em; padding: 2px 9px; border-radius: 999px; }
.promote { background: #81c995; color: #000; } .hold { background: #3a1f1f; color: #f28b82; border: 1px solid #f28b82; }
ul.checks { list-style: none; padding: 0; margin: 8px 0 0; font-size: 13px; }
ul.checks li { padding: 2px 0 2px 20px; position: relative; }
ul.checks li::before { position: absolute; left: 0; }
ul.checks li.ok::before { content: "✓"; color: #81c995; } ul.checks li.no::before { content: "✗"; color: #f28b82; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th { text-align: left; color: #9a9a9a; font-weight: 500; border-bottom: 1px solid #333; padding: 6px 8px; }
td { border-bottom: 1px solid #1a1a1a; padding: 6px 8px; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tr.incumbent td { color: #fff; font-weight: 600; }
img { width: 100%; height: auto; margin: 8px 0; }
.kpis { display: flex; flex-wrap: wrap; gap: 28px; margin: 20px 0 4px; }
.kpi b { display: block; font-size: 24px; font-weight: 600; color: #fff; }
.kpi.promoted b { color: #81c995; font-size: 18px; line-height: 36px; word-break: break-all; }
.kpi span { color: #9a9a9a; font-size: 12px; text-transform: uppercase; letter-spacing: .08em; }
.warnings li { color: #fdd663; }
code { background: #161616; padding: 1px 5px; border-radius: 4px; color: #e8e8e8; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _num(value: Any, digits: int = 4) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _img(data: str | None, alt: str) -> str:
    return f'<img alt="{_e(alt)}" src="data:image/png;base64,{data}">' if data else ""


def _verdict_cards(summary: dict[str, Any]) -> str:
    cards = []
    for spec, verdict in summary["gate"]["verdicts"].items():
        badge = '<span class="badge promote">PROMOTE</span>' if verdict["promote"] else '<span class="badge hold">HOLD</span>'
        checks = "".join(
            f'<li class="{"ok" if c["passed"] else "no"}">{_e(c["detail"])}</li>' for c in verdict["checks"]
        )
        shadow = f'shadow run: {_e(verdict["shadow"])}' if verdict["shadow"] else "no matching shadow run"
        cards.append(
            f'<div class="card"><h3>{_e(spec)}</h3>{badge} <span class="muted">{shadow}</span>'
            f'<ul class="checks">{checks}</ul></div>'
        )
    return f'<div class="cards">{"".join(cards)}</div>'


def _estimates_table(summary: dict[str, Any]) -> str:
    inc = summary["incumbent"]
    rows = [
        f'<tr class="incumbent"><td>incumbent: {_e(inc["policy"])}</td><td class="nowrap">on-policy</td>'
        f'<td class="num">{_num(inc["estimate"])}</td><td class="num">[{_num(inc["ciLow"])}, {_num(inc["ciHigh"])}]</td>'
        f'<td class="num">–</td><td class="num">{inc["ess"]:.0f}</td><td class="num">{inc["n"]}</td><td class="num">–</td></tr>'
    ]
    for spec, entry in summary["policies"].items():
        for name, e in entry["estimators"].items():
            rows.append(
                f'<tr><td>{_e(spec)}</td><td>{_e(name.upper())}</td><td class="num">{_num(e["estimate"])}</td>'
                f'<td class="num">[{_num(e["ciLow"])}, {_num(e["ciHigh"])}]</td>'
                f'<td class="num">{_num(e["lift"], 4)} [{_num(e["liftCiLow"])}, {_num(e["liftCiHigh"])}]</td>'
                f'<td class="num">{e["ess"]:.0f}</td><td class="num">{e["n"]}</td>'
                f'<td class="num">{entry["agreement"]:.1%}</td></tr>'
            )
    head = (
        '<tr><th>policy</th><th>estimator</th><th class="num">value</th><th class="num">95% CI</th>'
        '<th class="num">lift vs incumbent [95% CI]</th><th class="num">ESS</th><th class="num">n</th>'
        '<th class="num">agreement</th></tr>'
    )
    return f"<table>{head}{''.join(rows)}</table>"


def _shadow_table(summary: dict[str, Any]) -> str:
    if not summary["shadow"]:
        return '<p class="muted">The log has no shadow columns filled in: no candidate can pass the gate yet.</p>'
    rows = []
    for s in summary["shadow"]:
        value = s["value"].get(s.get("estimator", ""), {})
        inc = s["incumbentOnSameDecisions"] or {}
        rows.append(
            f'<tr><td>{_e(s["label"])}</td><td class="num">{s["decisions"]}</td><td class="num">{s["rewarded"]}</td>'
            f'<td class="num">{s["agreement"]:.1%} <span class="muted">/ {s["incumbentSelfAgreement"]:.0%}</span></td>'
            f'<td class="num">{_num(value.get("estimate"))} [{_num(value.get("ciLow"))}, {_num(value.get("ciHigh"))}]</td>'
            f'<td class="num">{_num(inc.get("estimate"))}</td>'
            f'<td class="nowrap">{_e(s["firstSeen"])[:10]} → {_e(s["lastSeen"])[:10]}</td></tr>'
        )
    head = (
        '<tr><th>shadow</th><th class="num">decisions</th><th class="num">rewarded</th><th class="num">agreement / incumbent self</th>'
        '<th class="num">value [95% CI]</th><th class="num">incumbent, same decisions</th><th>period</th></tr>'
    )
    note = (
        '<p class="muted">Agreement: share of decisions where the shadow chose what the incumbent chose. '
        "Incumbent self: the mean logged propensity, how often the incumbent agrees with an independent draw of "
        "itself, the level a stochastic copy of it would reach.</p>"
    )
    return f"<table>{head}{''.join(rows)}</table>{note}"


def _list(items: Iterable[str], css: str = "") -> str:
    return f'<ul class="{css}">' + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def render_html(summary: dict[str, Any], series: Series) -> str:
    """The whole page as one string, images inline."""
    counts = summary["counts"]
    inc = summary["incumbent"]
    source = summary["source"]
    where = source.get("path") or f'{source.get("schema")}.{source.get("table")}'
    promoted = summary["gate"]["promote"]
    kpis = [
        (f"{counts['decisions']:,}", "decisions"),
        (f"{counts['evaluationRewarded']:,}", "evaluated (rewarded)"),
        (f"{counts['withoutReward']:,}", "without reward"),
        (f"{counts['notNow']:,}", "not-now"),
        (_num(inc["estimate"], 3), "incumbent value"),
    ]
    verdict = (
        f'<div class="kpi promoted"><b>{_e(", ".join(promoted))}</b><span>promote</span></div>'
        if promoted
        else '<div class="kpi"><b>none</b><span>promote</span></div>'
    )
    replay = summary["uniformLogging"]
    notes = [
        f"Incumbent: {inc['policy']}; its value is the mean reward of the evaluated decisions.",
        f"Learning policies were fitted on the first {summary['settings']['trainFraction']:.0%} of the log "
        f"({counts['training']:,} decisions, up to {summary['period']['trainEvaluationCutoff'] or '–'}); "
        "every estimate uses the rest.",
        f"Bootstrap: {summary['settings']['resamples']} resamples, seed {summary['settings']['seed']}, "
        "percentile intervals; lifts are paired (same resamples).",
        f"Reward model: ridge on context × action features, {summary['settings']['folds']}-fold cross-fitted.",
        "Replay: " + ("used (uniform logging " + ("detected" if replay["detected"] else "declared") + ")."
                      if replay["replayUsed"] else "not used (the log is not uniformly random)."),
        f"Not-now decisions count with reward {summary['settings']['notNowReward']:g}; the {counts['withoutReward']:,} "
        "decisions without a reaction are left out, assumed missing at random.",
    ]
    plots = {
        "estimates": plot_estimates(summary),
        "agreement": plot_agreement(summary),
        "ess": plot_ess(summary),
        "shadow": plot_shadow(summary),
        "time": plot_reward_over_time(series, summary["settings"]["rollingWindow"]),
        "propensity": plot_propensities(series),
    }
    warnings = summary["warnings"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>oO · offline policy evaluation</title><style>{CSS}</style></head>
<body><main>
<h1><b>oO</b> · offline policy evaluation</h1>
<div class="muted">{_e(where)} · {_e(summary['period']['from'])} → {_e(summary['period']['to'])} · generated {_e(summary['generatedAt'])}</div>
<div class="kpis">{''.join(f'<div class="kpi"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in kpis)}{verdict}</div>
{('<h2>Warnings</h2>' + _list(warnings, 'warnings')) if warnings else ''}
<h2>Promotion gate</h2>
<p class="muted">A candidate is promoted only when its offline interval clears the incumbent and its shadow run agrees (ADR-0011).</p>
{_verdict_cards(summary)}
<h2>Estimates</h2>
{_img(plots['estimates'], 'policy value estimates with intervals')}
{_estimates_table(summary)}
<h2>Shadow runs</h2>
{_img(plots['shadow'], 'shadow value vs incumbent')}
{_shadow_table(summary)}
<h2>Agreement with the incumbent</h2>
{_img(plots['agreement'], 'agreement with the incumbent')}
<h2>Effective sample size</h2>
{_img(plots['ess'], 'effective sample size')}
<h2>Reward over time</h2>
{_img(plots['time'], 'rolling mean reward of the logged policy')}
<h2>Propensities</h2>
{_img(plots['propensity'], 'histogram of logged propensities')}
<h2>How these numbers were made</h2>
{_list(notes)}
</main></body></html>
"""


def format_table(summary: dict[str, Any]) -> str:
    """A plain-text digest for the terminal."""
    inc = summary["incumbent"]
    width = max([len("policy")] + [len(spec) for spec in summary["policies"]])
    lines = [
        f"incumbent {inc['policy']}: {inc['estimate']:.4f} [{inc['ciLow']:.4f}, {inc['ciHigh']:.4f}] n={inc['n']}",
        f"{'policy':<{width}} {'est.':<7} {'value':>8} {'95% CI':>20} {'ESS':>8} {'agree':>6}",
    ]
    for spec, entry in summary["policies"].items():
        for name, e in entry["estimators"].items():
            ci = f"[{e['ciLow']:.4f}, {e['ciHigh']:.4f}]" if e["ciLow"] is not None else "-"
            lines.append(f"{spec:<{width}} {name:<7} {e['estimate']:>8.4f} {ci:>20} {e['ess']:>8.0f} {entry['agreement']:>6.2f}")
    for s in summary["shadow"]:
        lines.append(f"shadow {s['label']}: agreement {s['agreement']:.2f}, rewarded decisions {s['rewarded']}")
    for spec, verdict in summary["gate"]["verdicts"].items():
        failed = [c["detail"] for c in verdict["checks"] if not c["passed"]]
        lines.append(f"gate {spec}: {'PROMOTE' if verdict['promote'] else 'HOLD'}" + (f" ({'; '.join(failed)})" if failed else ""))
    lines += [f"warning: {w}" for w in summary["warnings"]]
    return "\n".join(lines)


def write_outputs(out_dir: Path, summary: dict[str, Any], series: Series) -> list[Path]:
    """Write summary.json and report.html into `out_dir` (created when missing)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary_path = out_dir / "summary.json"
    summary_path.write_text(json.dumps(summary, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    report_path = out_dir / "report.html"
    report_path.write_text(render_html(summary, series), encoding="utf-8")
    return [report_path, summary_path]

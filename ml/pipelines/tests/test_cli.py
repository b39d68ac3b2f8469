"""The command line, end to end: report.html and summary.json from a JSONL snapshot."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipelines import simulate

ML = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory, log_rows: list[dict[str, Any]]) -> tuple[Path, subprocess.CompletedProcess]:
    """One real process, so stderr is what an analyst sees (not a TTY: plain progress lines)."""
    base = tmp_path_factory.mktemp("cli")
    log = base / "log.jsonl"
    log.write_text("".join(json.dumps(r) + "\n" for r in log_rows))
    out = base / "report"
    process = subprocess.run(
        [sys.executable, "-m", "pipelines.simulate", "--input", str(log), "--out", str(out), "--resamples", "200",
         "--policy", "uniform", "--policy", "softmax-reward-model:tau=0.1",
         "--shadow-match", "softmax-reward-model:tau=0.1=shadow-softmax"],
        cwd=ML, capture_output=True, text=True, timeout=120,
    )
    return out, process


def test_cli_writes_report_and_summary(cli_run: tuple[Path, subprocess.CompletedProcess]) -> None:
    out, process = cli_run
    assert process.returncode == 0, process.stderr
    assert (out / "report.html").stat().st_size > 10_000 and (out / "summary.json").is_file()


def test_summary_has_the_documented_keys(cli_run: tuple[Path, subprocess.CompletedProcess]) -> None:
    summary = json.loads((cli_run[0] / "summary.json").read_text())
    assert {"incumbent", "policies", "shadow", "gate", "counts", "warnings", "settings"} <= summary.keys()
    entry = summary["policies"]["softmax-reward-model:tau=0.1"]
    assert set(entry["estimators"]) == {"ips", "snips", "dr"}
    assert {"estimate", "ciLow", "ciHigh", "ess", "n"} <= entry["estimators"]["dr"].keys()
    assert {"estimate", "ciLow", "ciHigh", "n"} <= summary["incumbent"].keys()
    assert 0.0 <= entry["agreement"] <= 1.0 and isinstance(entry["gate"]["promote"], bool)
    assert summary["gate"]["verdicts"]["softmax-reward-model:tau=0.1"]["shadow"] == "shadow-softmax@1"
    assert summary["shadow"][0]["label"] == "shadow-softmax@1" and "dr" in summary["shadow"][0]["value"]


def test_report_embeds_its_plots(cli_run: tuple[Path, subprocess.CompletedProcess]) -> None:
    html = (cli_run[0] / "report.html").read_text()
    assert len(re.findall(r'src="data:image/png;base64,', html)) == 6 and "http" not in html.replace("http-equiv", "")


def test_progress_on_stderr_shows_done_total_rate_and_eta(cli_run: tuple[Path, subprocess.CompletedProcess]) -> None:
    stderr = cli_run[1].stderr
    assert re.search(r"load jsonl .* 1500/1500 100\.0% [\d,.]+/s done in \d:\d\d:\d\d", stderr)
    assert re.search(r"\d+/\d+ +[\d.]+% [\d,.]+/s ETA \d:\d\d:\d\d", stderr)


def test_counts_exclude_decisions_without_reward(cli_run: tuple[Path, subprocess.CompletedProcess], log_rows: list[dict[str, Any]]) -> None:
    summary = json.loads((cli_run[0] / "summary.json").read_text())
    unrewarded = sum(1 for r in log_rows if r["reward"] is None and r["chosen_id"] != "not-now")
    assert summary["counts"]["withoutReward"] == unrewarded
    assert summary["counts"]["evaluationRewarded"] == summary["incumbent"]["n"]


def test_bad_input_exits_with_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "bad.jsonl"
    log.write_text('{"decision_id": "d1", "person_key": "p"}\n')
    assert simulate.main(["--input", str(log), "--no-progress"]) == 2
    assert "bad.jsonl line 1 (decision d1): fields 'decided_at', 'context'," in capsys.readouterr().err


def test_unknown_policy_exits_with_the_known_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str], log_rows: list[dict[str, Any]]) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text("".join(json.dumps(r) + "\n" for r in log_rows[:100]))
    assert simulate.main(["--input", str(log), "--policy", "oracle", "--no-progress"]) == 2
    assert "unknown policy 'oracle'; known: uniform" in capsys.readouterr().err

from __future__ import annotations

import io

from pipelines.progress import Progress, ProgressFactory


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_line_shows_done_total_rate_and_eta() -> None:
    clock, stream = FakeClock(), io.StringIO()
    bar = Progress(100, "featurise", stream=stream, clock=clock, min_interval=0.0)
    clock.now += 10.0
    bar.update(25)
    line = stream.getvalue().splitlines()[-1]
    assert "25/100" in line and "2.5/s" in line and "ETA 0:00:30" in line


def test_closing_reports_elapsed_time() -> None:
    clock, stream = FakeClock(), io.StringIO()
    with Progress(4, "bootstrap", stream=stream, clock=clock, min_interval=0.0) as bar:
        clock.now += 2.0
        bar.update(4)
    assert stream.getvalue().splitlines()[-1].endswith("done in 0:00:02")


def test_redraws_are_throttled() -> None:
    clock, stream = FakeClock(), io.StringIO()
    bar = Progress(1000, "load", stream=stream, clock=clock, min_interval=1.0)
    for _ in range(500):
        bar.update()
    assert len(stream.getvalue().splitlines()) == 1


def test_disabled_factory_writes_nothing() -> None:
    stream = io.StringIO()
    factory = ProgressFactory(enabled=False, stream=stream)
    assert list(factory.iterate(range(3), 3, "x")) == [0, 1, 2] and stream.getvalue() == ""

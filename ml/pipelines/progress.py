"""A small progress bar for long pipeline stages, written to stderr.

Analysts run the simulation on snapshots with hundreds of thousands of decisions; a silent
terminal for a minute reads as a hang. Debian's python3-tqdm is not part of this
environment, and the need is small: done/total, rate and ETA, redrawn in place on a
terminal and as throttled plain lines when stderr is a file or a pipe (CI logs).
"""
from __future__ import annotations

import sys
import time
from typing import Callable, Iterable, Iterator, TextIO, TypeVar

T = TypeVar("T")


def format_duration(seconds: float) -> str:
    """H:MM:SS, the form people read at a glance."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def format_rate(rate: float) -> str:
    """Whole numbers for fast stages, one decimal for slow ones."""
    return f"{rate:,.0f}" if rate >= 100 else f"{rate:.1f}"


class Progress:
    """Counts units of work and redraws `label [bar] done/total pct rate/s ETA h:mm:ss`.

    The clock is injectable so tests can check rate and ETA without sleeping.
    """

    BAR_WIDTH = 24

    def __init__(
        self,
        total: int | None,
        label: str,
        *,
        stream: TextIO | None = None,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
        min_interval: float | None = None,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.clock = clock
        self.done = 0
        self.started = clock()
        self._last_draw = float("-inf")
        self._interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        if min_interval is None:
            min_interval = 0.1 if self._interactive else 2.0
        self.min_interval = min_interval
        self._closed = False

    def rate(self) -> float:
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def render(self, final: bool = False) -> str:
        """The one line that describes the stage now."""
        elapsed = self.clock() - self.started
        rate = self.rate()
        if self.total:
            fraction = min(1.0, self.done / self.total)
            filled = int(round(fraction * self.BAR_WIDTH))
            bar = "#" * filled + "." * (self.BAR_WIDTH - filled)
            counts = f"[{bar}] {self.done}/{self.total} {100 * fraction:5.1f}%"
        else:
            counts = f"{self.done}/?"
        if final:
            tail = f"done in {format_duration(elapsed)}"
        elif self.total and rate > 0:
            tail = f"ETA {format_duration((self.total - self.done) / rate)}"
        else:
            tail = "ETA ?"
        return f"{self.label:<14} {counts} {format_rate(rate)}/s {tail}"

    def update(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if self.enabled and now - self._last_draw >= self.min_interval:
            self._last_draw = now
            self._draw(self.render())

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.enabled:
            self._draw(self.render(final=True))
            if self._interactive:
                self.stream.write("\n")
            self.stream.flush()

    def _draw(self, line: str) -> None:
        if self._interactive:
            self.stream.write("\r\x1b[2K" + line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ProgressFactory:
    """Creates the bars of one run with the same stream and on/off switch."""

    def __init__(self, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream

    def __call__(self, total: int | None, label: str) -> Progress:
        return Progress(total, label, stream=self.stream, enabled=self.enabled)

    def iterate(self, items: Iterable[T], total: int | None, label: str) -> Iterator[T]:
        with self(total, label) as bar:
            for item in items:
                yield item
                bar.update()


SILENT = ProgressFactory(enabled=False)

"""A progress line on stderr: done/total, percent, rate, ETA and the outcome counts.

On a terminal the line is redrawn in place a few times a second; in a log (not a
terminal) a plain line is printed every `log_every` seconds instead, so CI logs
stay short.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import TextIO

_BAR = 24


def format_duration(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.5))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class Progress:
    """Counts outcomes and draws the line; `enabled=False` keeps the counts and draws nothing."""

    def __init__(
        self,
        total: int,
        *,
        label: str = "ingest",
        stream: TextIO | None = None,
        enabled: bool = True,
        redraw_every: float = 0.2,
        log_every: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.counts: Counter[str] = Counter()
        self.done = 0
        self._clock = clock
        self._start = clock()
        self._last_draw = 0.0
        self._every = redraw_every if self.tty else log_every
        self._width = 0

    @property
    def elapsed(self) -> float:
        return self._clock() - self._start

    def rate(self) -> float:
        elapsed = self.elapsed
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        rate = self.rate()
        return (self.total - self.done) / rate if rate > 0 and self.total >= self.done else None

    def update(self, status: str, n: int = 1) -> None:
        self.done += n
        self.counts[status] += n
        self.tick()

    def tick(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if force or now - self._last_draw >= self._every:
            self._last_draw = now
            self._draw()

    def line(self) -> str:
        total = max(self.total, self.done)
        fraction = self.done / total if total else 1.0
        filled = int(fraction * _BAR)
        bar = "#" * filled + "." * (_BAR - filled)
        eta = self.eta()
        counts = " ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        return (
            f"{self.label} [{bar}] {self.done}/{total} {fraction:6.1%} | {self.rate():.1f} docs/s"
            f" | ETA {format_duration(eta) if eta is not None else '-'} | {counts}"
        )

    def message(self, text: str) -> None:
        """A line above the progress bar (e.g. a failed file)."""
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r" + " " * self._width + "\r")
        self.stream.write(text + "\n")
        self.stream.flush()
        if self.tty:
            self._draw()

    def _draw(self) -> None:
        text = self.line()
        if self.tty:
            pad = max(0, self._width - len(text))
            self.stream.write("\r" + text + " " * pad)
            self._width = len(text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        self._draw()
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()

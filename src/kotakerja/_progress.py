"""The command line's progress bar: one line on a terminal's stderr, once a job has run a second."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["PROGRESS_AFTER", "Progress"]

PROGRESS_AFTER = 1.0
"""Seconds a job runs before its bar appears: quick commands print nothing extra."""


class Progress:
    """A bar ``label [#####     ]  40%`` redrawn in place; silent when `stream` is not a
    terminal, and until the job has run for `PROGRESS_AFTER` seconds."""

    def __init__(self, label: str, total: int, stream: TextIO) -> None:
        self.label = label
        self.total = max(total, 1)
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self.last = -1

    def update(self, done: int) -> None:
        if not self.enabled or time.monotonic() - self.started < PROGRESS_AFTER:
            return
        percent = min(100, done * 100 // self.total)
        if percent != self.last:
            self.last = percent
            bar = "#" * (percent // 4)
            self.stream.write(f"\r{self.label} [{bar:<25}] {percent:3d}%")
            self.stream.flush()

    def clear(self) -> None:
        """Blank the bar's line, so that other output starts on a clean line; the next
        update draws the bar again."""
        if self.enabled and self.last >= 0:
            self.stream.write("\r" + " " * (len(self.label) + 35) + "\r")
            self.stream.flush()
            self.last = -1

    def close(self) -> None:
        self.clear()

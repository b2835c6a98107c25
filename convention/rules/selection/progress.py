"""Progress reports and the time budget shared by the selection algorithms."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """A snapshot of a running selection, for display or storage."""

    stage: str
    fixed: int
    people: int
    panels: int
    minimum: float | None
    seconds: float
    message: str = ""


ProgressCallback = Callable[[Progress], None]
StopCallback = Callable[[], bool]


class Budget:
    """Track elapsed time, the deadline and cancellation; forward progress reports."""

    def __init__(
        self,
        people: int,
        max_seconds: float | None = None,
        progress: ProgressCallback | None = None,
        should_stop: StopCallback | None = None,
    ) -> None:
        """Start the clock."""
        self.start = time.monotonic()
        self.people = people
        self.max_seconds = max_seconds
        self._progress = progress
        self._should_stop = should_stop
        self._last_report = -1.0
        self.stopped_early = False

    def elapsed(self) -> float:
        """Return the seconds since the start."""
        return time.monotonic() - self.start

    def remaining(self) -> float | None:
        """Return the seconds left before the deadline, or None without one."""
        return None if self.max_seconds is None else self.max_seconds - self.elapsed()

    def exhausted(self) -> bool:
        """Return whether time is up or the caller asked to stop, remembering it."""
        left = self.remaining()
        if (left is not None and left <= 0) or (
            self._should_stop is not None and self._should_stop()
        ):
            self.stopped_early = True
        return self.stopped_early

    def cancelled(self) -> bool:
        """Return whether the caller asked to stop (the deadline aside)."""
        return self._should_stop is not None and self._should_stop()

    def report(
        self,
        stage: str,
        *,
        fixed: int = 0,
        panels: int = 0,
        minimum: float | None = None,
        message: str = "",
        force: bool = True,
    ) -> None:
        """Send a progress report; unforced ones at most once a second."""
        now = self.elapsed()
        if self._progress is None or (not force and now - self._last_report < 1.0):
            return
        self._last_report = now
        self._progress(Progress(stage, fixed, self.people, panels, minimum, now, message))

"""How still the window stood, as the GUI benchmarks measure it: a 5 ms timer on the GUI thread, and the longest
gap between its beats beyond those 5 ms."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer

INTERVAL_MS = 5


class Heartbeat:
    def __init__(self) -> None:
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._beat)
        self._last = self._longest = 0

    def _beat(self) -> None:
        now = self._clock.elapsed()
        self._longest = max(self._longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = self._longest = 0
        self._clock.start()
        self._timer.start()

    def stop(self) -> float:
        """Stop beating; the longest stall since `start`, in milliseconds."""
        self._timer.stop()
        return self._longest - INTERVAL_MS

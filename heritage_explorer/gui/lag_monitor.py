"""Event-loop lag: how late a frequent QTimer fires tells how long the GUI thread was blocked."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer


class LagMonitor(QObject):
    """Records, for each tick of a ``interval_ms`` timer, how much later than due it fired.

    A tick that arrives 80 ms late means the event loop could not run for ~80 ms: the window
    would have frozen that long. Each lag is also paired with the CPU time this process used
    during it: on a loaded machine the OS may suspend the whole process (no thread runs, CPU
    time stands still), a pause no code of ours caused. ``own_lags_ms`` keeps, for each tick,
    ``min(lag, process CPU time in the interval)``: the part of a stall during which this
    process was running, hence the part its own threads (GIL, a long slot) can be blamed for.
    """

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = 5):
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last: tuple[float, float] | None = None
        self.lags_ms: list[float] = []
        self.own_lags_ms: list[float] = []
        self.times: list[float] = []  # perf_counter() of each tick, to find when a stall happened

    def start(self) -> None:
        self.lags_ms.clear()
        self.own_lags_ms.clear()
        self.times.clear()
        self._last = (time.perf_counter(), time.process_time())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        if self._last is not None:
            lag = max(0.0, (now - self._last[0]) * 1000.0 - self.interval_ms)
            self.lags_ms.append(lag)
            self.own_lags_ms.append(min(lag, (cpu - self._last[1]) * 1000.0))
            self.times.append(now)
        self._last = (now, cpu)

    @property
    def worst_ms(self) -> float:
        return max(self.lags_ms, default=0.0)

    @property
    def own_worst_ms(self) -> float:
        return max(self.own_lags_ms, default=0.0)

    def percentile_ms(self, q: float) -> float:
        return float(np.percentile(self.lags_ms, q)) if self.lags_ms else 0.0

    def worst(self, n: int = 5) -> list[tuple[float, float, float]]:
        """The ``n`` largest lags as (tick time, lag ms, of which this process ran ms)."""
        rows = zip(self.times, self.lags_ms, self.own_lags_ms, strict=True)
        return sorted(rows, key=lambda t: -t[1])[:n]

    def summary(self) -> dict[str, float]:
        return {"worst_ms": round(self.worst_ms, 2), "p99_ms": round(self.percentile_ms(99), 2),
                "p50_ms": round(self.percentile_ms(50), 2), "own_worst_ms": round(self.own_worst_ms, 2),
                "ticks": len(self.lags_ms)}

"""Running the real event loop until something holds (for scripts, benchmarks and tests that drive
a window from outside; the window itself never waits like this)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def run_until(predicate: Callable[[], bool], timeout_s: float, *, poll_ms: int = 20) -> bool:
    """Run a real event loop (not QTest.qWait, which sleeps between turns) until ``predicate()``
    holds or ``timeout_s`` passes; returns ``predicate()`` at the end."""
    if predicate():
        return True
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(lambda: (predicate() or time.monotonic() > deadline) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    return predicate()

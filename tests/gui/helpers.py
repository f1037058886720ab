"""Waiting on the real event loop (for module-scoped fixtures, where qtbot is not available)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run a real event loop (not QTest.qWait, which sleeps 10 ms between turns) until
    ``predicate()`` holds; fail saying ``what`` was awaited."""
    if predicate():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: (predicate() or time.monotonic() > deadline) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    if not predicate():
        raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")

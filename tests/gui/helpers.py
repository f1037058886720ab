"""Waiting on the real event loop (for module-scoped fixtures, where qtbot is not available)."""

from __future__ import annotations

from collections.abc import Callable

from heritage_explorer.gui.event_loop import run_until


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the real event loop until ``predicate()`` holds; fail saying ``what`` was awaited."""
    if not run_until(predicate, timeout_s):
        raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")

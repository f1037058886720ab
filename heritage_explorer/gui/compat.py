"""Interpreter settings of the GUI process."""

from __future__ import annotations

import sys

#: GIL switch interval of the GUI process: a thread that wants the GIL waits at most about this
#: long for a busy thread to yield it (Python's default, 5 ms, let the event loop queue up
#: behind the thumbnail decoders).
SWITCH_INTERVAL_S = 0.001


def configure_interpreter() -> None:
    """A short GIL switch interval for the GUI process.

    The project runs on Python ≥ 3.12 (scripts/setup.sh). That also neutralises a PySide6 defect
    seen with 6.12.0's abi3 wheels — ``None`` returned from C++ ``void`` methods without a new
    reference, one reference to ``True`` dropped per value-returning Python slot — because these
    singletons are immortal there (PEP 683); on 3.11 the interpreter aborted ("none_dealloc")
    after a few thousand calls. ``tests/gui/test_compat.py`` keeps checking that long sessions of
    such calls do not abort.
    """
    sys.setswitchinterval(SWITCH_INTERVAL_S)

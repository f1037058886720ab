"""Work-arounds for defects of the Qt binding, each detected by a probe rather than by version number."""

from __future__ import annotations

import ctypes
import sys

#: GIL switch interval of the GUI process: a thread that wants the GIL waits at most about this
#: long for a busy thread to yield it (Python's default, 5 ms, let the event loop queue up
#: behind the thumbnail decoders).
SWITCH_INTERVAL_S = 0.001

#: Added to the reference count of a singleton the binding is found to drop references to.
_BALLAST = 1 << 40
_PROBES = 64


def _lost_references() -> dict[str, int]:
    """How many references to None, True and False 64 calls of each defective kind dropped."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        fired = Signal()

    probe = _Probe()
    probe.fired.connect(lambda: False)  # a Python slot that returns a value
    singletons = {"None": None, "True": True, "False": False}
    before = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a C++ void method
        probe.fired.emit()
    return {name: before[name] - sys.getrefcount(obj) for name, obj in singletons.items()}


def guard_singleton_refcounts() -> list[str]:
    """Keep the process alive under a binding that drops references to None, True or False.

    PySide6 6.12.0's abi3 wheels return ``None`` from every C++ ``void`` method without a new
    reference, and drop one reference to ``True`` each time a Python slot returns a value. On
    Python ≥ 3.12 these objects are immortal (PEP 683) and nothing happens; on Python 3.11 the
    count falls by one per call until the interpreter aborts ("none_dealloc", "bool_dealloc")
    after a few thousand calls. 6.11.x is not affected. If the probe sees references lost, the
    singletons get enough references never to reach zero, which is what Python 3.12 does for
    every program. Returns the names of the singletons that were guarded.
    """
    if sys.version_info >= (3, 12):
        return []
    lost = _lost_references()
    guarded = []
    for name, obj in (("None", None), ("True", True), ("False", False)):
        if lost[name] >= _PROBES // 2:
            ctypes.c_ssize_t.from_address(id(obj)).value += _BALLAST
            guarded.append(name)
    return guarded


def configure_interpreter() -> None:
    """Settings of the GUI process: the refcount guard above and a short GIL switch interval."""
    guard_singleton_refcounts()
    sys.setswitchinterval(SWITCH_INTERVAL_S)

"""The binding's reference-count defect is neutralised: long sessions do not abort."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_many_void_calls_and_value_returning_slots_do_not_abort() -> None:
    code = textwrap.dedent("""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication
        from heritage_explorer.gui.compat import configure_interpreter
        app = QApplication([])
        configure_interpreter()
        class Emitter(QObject):
            fired = Signal()
        emitter = Emitter()
        emitter.fired.connect(lambda: True)
        for _ in range(20_000):
            emitter.setObjectName("x")
            emitter.fired.emit()
            app.processEvents()
        print("alive")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "alive" in result.stdout, result.stderr[-2000:]

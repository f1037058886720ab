"""The real main window for the README's screenshot scripts (``screenshot_map.py``,
``screenshot_match_view.py``): opened on a project with throwaway settings, and a wait that
keeps the event loop turning. Runs offscreen unless QT_QPA_PLATFORM says otherwise."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def wait(app, until: Callable[[], bool], what: str = "the window", *, timeout_s: float = 180.0) -> None:
    """Process events until ``until()``; exit saying what did not come within ``timeout_s``."""
    script = Path(sys.argv[0]).stem
    deadline = time.monotonic() + timeout_s
    while not until():
        if time.monotonic() > deadline:
            raise SystemExit(f"{script}: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def open_window(project: Path, method: str):
    """(app, window): a 1300×900 main window on ``project``, searching with ``method``."""
    from PySide6.QtWidgets import QApplication

    from heritage_explorer.gui.main_window import MainWindow
    from heritage_explorer.gui.settings import AppSettings

    app = QApplication(sys.argv[:1])
    settings = AppSettings.from_file(str(Path(tempfile.mkdtemp()) / "settings.ini"))  # not the user's
    settings.search_method = method
    window = MainWindow(settings)
    window.resize(1300, 900)
    window.show()
    if not window.open_project(project):
        raise SystemExit(f"{Path(sys.argv[0]).stem}: cannot open {project}")
    return app, window

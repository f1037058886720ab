"""The real main window for the README's screenshot scripts (``screenshot_map.py``,
``screenshot_match_view.py``, ``screenshot_adapt.py``, ``screenshot_mined_pairs.py``): opened on a
project with throwaway settings, and a wait that keeps the event loop turning. Runs offscreen unless
QT_QPA_PLATFORM says otherwise."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def project_arguments(description: str, name: str) -> tuple[argparse.Namespace, Path]:
    """(arguments, OUT_DIR created) of a script taking ``PROJECT OUT_DIR [--name NAME]``, NAME an
    adaptation's name (default ``name``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("project")
    parser.add_argument("out")
    parser.add_argument("--name", default=name)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    return args, out


@contextmanager
def settled_window(project: str) -> Iterator[tuple[object, object]]:
    """(app, window): a 1600×1000 main window on ``project``, settled (``screenshot_panels.settle``),
    its settings in a temporary folder removed at the end; exits with the message bar's words when
    the project does not open."""
    from PySide6.QtWidgets import QApplication
    from screenshot_panels import settle

    from heritage_explorer.gui.main_window import MainWindow
    from heritage_explorer.gui.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as settings_dir:
        window = MainWindow(AppSettings.from_file(str(Path(settings_dir) / "settings.ini")))
        window.resize(1600, 1000)
        window.show()
        if not window.open_project(project):
            sys.exit(f"{Path(sys.argv[0]).stem}: cannot open {project}: {window.message_bar.label.text()}")
        settle(window, "the project")
        yield app, window

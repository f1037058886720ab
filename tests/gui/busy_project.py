"""A project big enough that its jobs are caught running (issue #16 parts 4, 5), and the means to
catch them: the extraction child is frozen (SIGSTOP) the moment its first batch is on disk.

1200 small generated images: ``colorhist`` describes them in about a second, so a job stopped
at its first batch is far from done; the test then closes the window, kills the child or removes
the folder at a moment it chose, instead of racing the job.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from heritage_explorer.gui.workers import ProcessJob
from tests.gui.tiny_project import tiny_project

IMAGES = 1200
CLASSES = (("a", IMAGES // 2), ("b", IMAGES // 2))


def busy_project(folder: Path) -> Path:
    """``folder/P``: 1200 images imported, nothing extracted."""
    return tiny_project(folder, CLASSES, extract=False)


def open_window(qtbot, settings, root: Path):
    """A real main window (closed by qtbot at the end of the test) showing the project at ``root``."""
    from heritage_explorer.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    assert window.open_project(root), window.message_bar.label.text()
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=10_000)
    return window


def copy_project(root: Path, folder: Path) -> Path:
    """A copy of the project folder (the catalog points at the same images) for one test to change."""
    target = folder / "P"
    shutil.copytree(root, target)
    return target


class FrozenAtFirstBatch:
    """Freezes the child of ``job`` with SIGSTOP as soon as it reports its first kept batch.

    The report is handled in the job's own thread (a direct connection), before the GUI thread
    sees it, so the child has done at most a few more batches when it stops.
    """

    def __init__(self, job: ProcessJob):
        self.job = job
        self.frozen = threading.Event()
        job.signals.progress.connect(self._freeze, Qt.ConnectionType.DirectConnection)

    def _freeze(self, progress) -> None:
        if not self.frozen.is_set() and progress.done > 0 and self.job.pid is not None:
            os.kill(self.job.pid, signal.SIGSTOP)
            self.frozen.set()

    def thaw_in(self, seconds: float) -> threading.Timer:
        """Let the child go on after ``seconds`` (from another thread: the GUI thread may be blocked)."""
        timer = threading.Timer(seconds, os.kill, (self.job.pid, signal.SIGCONT))
        timer.start()
        return timer


def process_gone(pid: int) -> bool:
    """Whether ``pid`` has exited *and* been waited for (a zombie still has its /proc entry)."""
    return not Path(f"/proc/{pid}").exists()


def temp_files(root: Path) -> list[Path]:
    """Files an interrupted atomic write would leave (``.NAME.XXXX.tmp``, ``.thumb.XXXX``)."""
    return [p for p in root.rglob(".*") if p.is_file() and (p.name.endswith(".tmp") or p.name.startswith(".thumb."))]

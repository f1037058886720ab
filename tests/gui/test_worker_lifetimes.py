"""Objects that worker threads reach are never destroyed in a worker thread (issue #16).

A QObject must be deleted in the thread it lives in. Python deletes an object where its last
reference is dropped, and a worker thread drops references too: the runnable it ran, and what
that runnable held, are freed in the worker once ``run`` returns. If that was the last
reference to a Python-owned QObject of the GUI thread (a job's signals, the thumbnail loader's
signals), the QObject was deleted in the worker while the GUI thread could be delivering its
queued signals: the likely cause of the heap corruption (``malloc_consolidate(): unaligned fastbin chunk``) seen
once in ten GUI runs under load. Each test makes the worker hold the last reference on purpose.
"""

from __future__ import annotations

import gc
import threading
import time
import weakref

from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.workers import Job, JobRunner


def _thread_names_of_destruction(qobject) -> list[str]:
    where: list[str] = []
    qobject.destroyed.connect(lambda *_: where.append(threading.current_thread().name),
                              Qt.ConnectionType.DirectConnection)
    return where


def _settle(qtbot, rounds: int = 10) -> None:
    for _ in range(rounds):
        qtbot.wait(30)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


class _Payload:
    """Stands for what a job's arguments hold (a project, result tables)."""


def test_an_ended_job_is_freed_and_its_signals_die_in_the_gui_thread(qtbot) -> None:
    runner = JobRunner()
    go = threading.Event()
    payload = _Payload()
    payload_ref = weakref.ref(payload)
    job = Job("slow to return", lambda _payload: go.wait(5), payload, with_progress=False, with_cancel=False)
    where = _thread_names_of_destruction(job.signals)
    answers: list[object] = []
    runner.start(job, on_finished=answers.append)
    # connected after the runner's own slots: the worker sleeps after it queued `ended`, as a
    # descheduled thread would, so the GUI thread handles `ended` before `run` has returned
    job.signals.ended.connect(lambda: time.sleep(0.3), Qt.ConnectionType.DirectConnection)
    del job, payload
    go.set()
    qtbot.waitUntil(lambda: bool(answers), timeout=5_000)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5_000)
    _settle(qtbot, 20)
    assert payload_ref() is None, "an ended job (and what its arguments hold) is kept alive"
    assert where == ["MainThread"]
    runner.shutdown()
    runner.deleteLater()


def test_the_loader_signals_die_in_the_gui_thread_when_a_decoder_held_the_last_reference(
        qtbot, tmp_path) -> None:
    """The decoder is still running (it sleeps right after it delivered, as a descheduled thread
    would) when the loader is shut down and deleted: it holds the last reference to the loader."""
    image = tmp_path / "real.jpg"
    Image.new("RGB", (64, 48), (120, 30, 200)).save(image)
    loader = ThumbnailLoader(tmp_path / "cache")
    where = _thread_names_of_destruction(loader._signals)
    delivered = threading.Event()

    def descheduled(*_args) -> None:  # runs in the decoder's thread
        delivered.set()
        time.sleep(0.3)

    loader._signals.delivered.connect(descheduled, Qt.ConnectionType.DirectConnection)
    assert loader.get(1, image, None, 32) is None
    qtbot.waitUntil(delivered.is_set, timeout=5_000)
    loader.shutdown(0)
    loader.deleteLater()
    del loader
    _settle(qtbot)
    assert where == ["MainThread"]

"""Qt object lifetimes: no Python wrapper may outlive the C++ object it stands for (issue #16).

A wrapper that Shiboken keeps after its C++ object was deleted behind its back stays in the
binding manager under the freed address; when Qt reuses the address, a method returning the new
object hands back the stale wrapper (``view.selectionModel()`` returned a ``QStandardItem``).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QStandardItem
from PySide6.QtTest import QTest

from heritage_explorer.evaluation.tables import ClassResultsTable, ClassRow
from heritage_explorer.gui.widgets.dashboard import ClassTableModel
from tests.gui.tiny_project import tiny_project


def _item_wrappers() -> int:
    return sum(isinstance(w, QStandardItem) for w in shiboken6.getAllValidWrappers())


def test_refilling_the_class_table_leaves_no_wrapper_of_a_deleted_item(qapp) -> None:
    table = ClassResultsTable(("colorhist", "efflite0-gem"), (
        ClassRow("a", 4, {"colorhist": 0.5, "efflite0-gem": 0.9}),
        ClassRow("b", 3, {"colorhist": 0.2, "efflite0-gem": 0.7})))
    model = ClassTableModel()
    before = _item_wrappers()
    for _ in range(3):
        model.set_table(table)
    model.clear()  # deletes every item, header items included
    assert _item_wrappers() == before


def test_a_closed_image_viewer_is_deleted_not_kept_as_a_child_of_the_window(window, tmp_path, qtbot) -> None:
    from heritage_explorer.gui.widgets.image_viewer import ImageViewer

    assert window.open_project(tiny_project(tmp_path, extract=False))
    for image_id in (1, 2, 1):
        viewer = window.open_viewer(image_id)
        qtbot.waitUntil(lambda v=viewer: v.loaded, timeout=10_000)
        viewer.close()
    window.open_viewer(3).close()  # before its image arrives: the answer must not reach the deleted dialog
    qtbot.waitUntil(lambda: not window.findChildren(ImageViewer) and not window.runner.is_busy(), timeout=5_000)
    QTest.qWait(20)
    assert window.viewers == []


def test_a_job_answer_queued_when_its_window_is_deleted_never_reaches_the_window(qapp, settings, qtbot) -> None:
    """The answers of the window's jobs are queued to the GUI thread; deleted with the window's
    JobRunner, those not yet delivered must die with it, not call into the deleted widgets."""
    import threading

    from heritage_explorer.gui.main_window import MainWindow
    from heritage_explorer.gui.workers import Job

    window = MainWindow(settings)
    ran = threading.Event()
    window.runner.start(Job("short", ran.set, with_progress=False, with_cancel=False),
                        on_finished=lambda _result: window.setWindowTitle("answered"))
    window.runner.pool.waitForDone()  # the job ended; its answer waits in the event queue
    assert ran.is_set()
    shiboken6.delete(window)
    QTest.qWait(50)  # before the fix: RuntimeError, MainWindow already deleted, raised in the event loop


def test_switching_projects_keeps_one_thumbnail_loader(window, tmp_path, qtbot) -> None:
    """Each project gets its own loader; the previous one (its pool, its memory cache) goes."""
    from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader

    roots = [tiny_project(tmp_path / name, extract=False, seed=i) for i, name in enumerate("ab")]
    for root in roots + roots:
        assert window.open_project(root)
        qtbot.waitUntil(window.thumbnails_settled, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.findChildren(ThumbnailLoader)) == 1, timeout=5_000)
    assert window.findChildren(ThumbnailLoader) == [window.loader]

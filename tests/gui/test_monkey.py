"""A seeded monkey: a few hundred random actions on a real main window over two tiny real projects.

Each step draws one action from :data:`ACTIONS` (the window's own menu actions, its tabs, clicks
on grid cells, searches by click and by external file, annotating, judging, undo/redo, resizing,
closing dialogs, opening the other project, starting and cancelling an extraction) and then
checks the invariants: the window lives, no exception reached the event loop, no Qt warning was
printed, and what the window shows of the annotations is what the catalog holds.

The draws depend only on the seed (an action that does not apply at that moment is logged as
skipped, it still uses its draws), so ``HERITAGE_MONKEY_SEED=S`` replays a failure's sequence;
``HERITAGE_MONKEY_ACTIONS=N`` runs a longer one. A failure prints the seed and the action log.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore
from heritage_explorer.pipeline import open_project
from tests.gui.tiny_project import SPEC, tiny_project

DEFAULT_SEED = 16
DEFAULT_ACTIONS = 300
#: menu actions the monkey triggers directly (the others open file dialogs or quit; see ACTIONS)
SAFE_MENU = ("undo", "redo", "extract", "cancel", "search_selected", "judge_next", "filter", "results_tab",
             "compare_tab", "annotate_tab", "bigger", "smaller", "toggle_extraction", "dashboard", "beats",
             "recompute")
#: Qt messages of the offscreen platform itself, not of the app
PLATFORM_NOISE = ("This plugin does not support",)


@pytest.fixture(scope="module")
def monkey_projects(tmp_path_factory) -> list[Path]:
    """Two projects: colorhist extracted in the first, nothing yet in the second (the monkey extracts it)."""
    first = tiny_project(tmp_path_factory.mktemp("monkey_a"), (("a", 5), ("b", 4)), seed=1)
    second = tiny_project(tmp_path_factory.mktemp("monkey_b"), (("c", 3), ("d", 3)), seed=2, extract=False)
    return [first, second]


class Monkey:
    """The random actions on ``window``; each returns what it did, for the log."""

    def __init__(self, window, projects: list[Path], external: Path, rng: random.Random):
        self.window = window
        self.projects = projects
        self.external = external
        self.rng = rng
        self.actions = {name: a for name, a in window.actions_by_name.items()}
        self.actions.update(window.analysis_panels.actions)

    def menu(self) -> str:
        name = self.rng.choice(SAFE_MENU)
        action: QAction = self.actions[name]
        if not action.isEnabled():
            return f"menu {name} (disabled)"
        action.trigger()
        return f"menu {name}"

    def tab(self) -> str:
        index = self.rng.randrange(self.window.tabs.count())
        self.window.tabs.setCurrentIndex(index)
        return f"tab {self.window.tabs.tabText(index)}"

    def click_grid(self) -> str:
        return self._click(self.window.grid, "grid")

    def click_annotation(self) -> str:
        return self._click(self.window.annotation_panel.view, "annotation grid")

    def click_result(self) -> str:
        """A cell of any result view: the Results grid, a comparison row, the query strip."""
        views = [self.window.search_view.view, self.window.query_strip.view] + [
            row.view for row in self.window.compare_view.rows]
        which = self.rng.randrange(6)
        return self._click(views[which % len(views)], f"result view {which % len(views)}")

    def _click(self, view, what: str) -> str:
        fraction = self.rng.random()
        double = self.rng.random() < 0.1
        model = view.model()
        if model.rowCount() == 0 or not view.isVisible():
            return f"click {what} (none shown)"
        row = min(int(fraction * model.rowCount()), model.rowCount() - 1)
        index = model.index(row, 0)
        view.scrollTo(index)
        centre = view.visualRect(index).center()
        if double:
            QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        else:
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        return f"{'double-' if double else ''}click {what} row {row}"

    def undo_redo(self) -> str:
        name = self.rng.choice(("undo", "undo", "redo"))
        action = self.actions[name]
        if not action.isEnabled():
            return f"{name} (nothing to {name})"
        action.trigger()
        return name

    def keys(self) -> str:
        """A key of the annotation or judging keyboard, typed into the view that has the focus."""
        key = self.rng.choice(KEYS)
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key)
        return f"key {QKeySequence(key).toString()} in {type(target).__name__}"

    def reimport(self) -> str:
        """Import the project's own listing again (nothing new), whatever else runs."""
        listing = self.window.project.root.parent / "list.csv"
        job = self.window.import_source(str(listing))
        return f"import {listing.parent.name}/list.csv" + ("" if job else " (refused: one already runs)")

    def search_file(self) -> str:
        self.window.query_file(self.external)
        return "search external file"

    def annotate(self) -> str:
        variation = self.rng.choice(VARIATIONS)
        step = self.rng.choice(("toggle", "next", "previous", "reference", "score"))
        panel = self.window.annotation_panel
        if step == "toggle":
            panel.toggle(variation)
        elif step == "next":
            panel.next_image()
        elif step == "previous":
            panel.previous_image()
        elif step == "reference":
            panel.set_reference_image(panel.current_id)
        else:
            panel.editor.score_chosen.emit(variation, self.rng.choice((None, 0, 1, 2, 3)))
        return f"annotate {step} {variation}"

    def judge(self) -> str:
        label = self.rng.choice(("easy", "hard", "junk", "wrong", None))
        fraction = self.rng.random()
        view = self.window.search_view.view
        model = view.model()
        if model.rowCount() == 0:
            return "judge (no results)"
        view.setCurrentIndex(model.index(min(int(fraction * model.rowCount()), model.rowCount() - 1), 0))
        self.window.tabs.setCurrentWidget(self.window.search_view)
        self.window.judging.judge_selected(label)
        return f"judge {label}"

    def filter(self) -> str:
        text = self.rng.choice(("", "a", "b0", "zzz", ""))
        self.window.filter_bar.text_edit.setText(text)
        return f"filter {text!r}"

    def resize(self) -> str:
        width, height = self.rng.randrange(500, 1500), self.rng.randrange(400, 1000)
        self.window.resize(width, height)
        return f"resize {width}x{height}"

    def about(self) -> str:
        self._close_modal_soon()
        self.actions["about"].trigger()
        return "about, closed"

    def open_dialog(self) -> str:
        """File ▸ Open project…, cancelled (the dialog closes, nothing changes)."""
        self._close_modal_soon()
        self.actions["open_project"].trigger()
        return "open-project dialog, cancelled"

    def switch_project(self) -> str:
        path = self.rng.choice(self.projects)
        self.window.open_project(path)
        return f"open project {path.parent.name}"

    def extract(self) -> str:
        self.window.extraction.set_checked([SPEC])
        self.window.extraction.start()
        return f"extract {SPEC}"

    def close_viewers(self) -> str:
        count = len(self.window.viewers)
        for viewer in list(self.window.viewers):
            viewer.close()
        return f"close {count} viewer(s)"

    def wait(self) -> str:
        ms = self.rng.choice((0, 10, 50, 200))
        QTest.qWait(ms)
        return f"wait {ms} ms"

    def _close_modal_soon(self) -> None:
        def close() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                QTimer.singleShot(20, close)
        QTimer.singleShot(20, close)


#: (weight, action)
ACTIONS: list[tuple[int, Callable[[Monkey], str]]] = [
    (10, Monkey.menu), (6, Monkey.tab), (8, Monkey.click_grid), (4, Monkey.click_annotation),
    (3, Monkey.click_result), (1, Monkey.search_file), (8, Monkey.annotate), (5, Monkey.judge),
    (2, Monkey.filter), (2, Monkey.resize), (1, Monkey.about), (1, Monkey.open_dialog),
    (1, Monkey.switch_project), (1, Monkey.extract), (4, Monkey.wait), (4, Monkey.undo_redo),
    (6, Monkey.keys), (1, Monkey.reimport), (2, Monkey.close_viewers),
]
KEYS = [Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_0, Qt.Key.Key_Minus,
        Qt.Key.Key_R, Qt.Key.Key_S, Qt.Key.Key_G, Qt.Key.Key_O, Qt.Key.Key_J, Qt.Key.Key_W, Qt.Key.Key_X,
        Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape]


def _annotation_shown(window) -> tuple | None:
    annotation = window.annotation_panel.annotation
    if annotation is None:
        return None
    return annotation.class_name, annotation.reference_image_id, annotation.flags, annotation.scores


def _saved_matches_shown(window) -> str | None:
    """None when the annotations the panel shows are those a fresh reader of the catalog finds."""
    panel = window.annotation_panel
    if window.project is None or panel.annotation is None:
        return None
    fresh = AnnotationStore(open_project(window.project.root).catalog).get(panel.class_name)
    shown = panel.annotation
    if (fresh.reference_image_id, fresh.flags, fresh.scores) != (
            shown.reference_image_id, shown.flags, shown.scores):
        return f"class {panel.class_name}: shown {shown} but saved {fresh}"
    return None


def test_monkey(qtbot, settings, monkey_projects) -> None:
    from heritage_explorer.gui.main_window import MainWindow

    seed = int(os.environ.get("HERITAGE_MONKEY_SEED", DEFAULT_SEED))
    steps = int(os.environ.get("HERITAGE_MONKEY_ACTIONS", DEFAULT_ACTIONS))
    rng = random.Random(seed)
    log: list[str] = []
    problems: list[str] = []

    def on_message(kind: QtMsgType, _context, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg and not text.startswith(PLATFORM_NOISE):
            problems.append(f"Qt {kind.name}: {text}")

    def on_exception(kind, value, tb) -> None:
        problems.append(f"exception in the event loop: {kind.__name__}: {value}")
        previous_hook(kind, value, tb)

    previous_handler = qInstallMessageHandler(on_message)
    previous_hook, sys.excepthook = sys.excepthook, on_exception
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    try:
        assert window.open_project(monkey_projects[0]), window.message_bar.label.text()
        monkey = Monkey(window, monkey_projects, monkey_projects[1].parent / "images" / "c0.png", rng)
        weights = [w for w, _ in ACTIONS]
        for step in range(steps):
            action = rng.choices([a for _, a in ACTIONS], weights)[0]
            log.append(f"{step}: {action(monkey)}")
            QApplication.processEvents()
            if not shiboken6.isValid(window) or not window.isVisible():
                problems.append("the window is gone")
            if step % 20 == 19 or step == steps - 1:
                mismatch = _saved_matches_shown(window)
                if mismatch:
                    problems.append(mismatch)
            if problems:
                break
        shown = _annotation_shown(window)
        root = window.project.root
        window.close()  # whatever still runs: closing ends it
        QTest.qWait(50)
        if not problems:  # reopened, the project shows what the closed window showed
            reopened = MainWindow(settings)
            qtbot.addWidget(reopened)
            assert reopened.open_project(root)
            qtbot.waitUntil(lambda: not reopened.catalog_loading, timeout=10_000)
            if shown is not None:
                reopened.annotation_panel.show_class(shown[0])
            if _annotation_shown(reopened) != shown:
                problems.append(f"after close and reopen: {_annotation_shown(reopened)} instead of {shown}")
            reopened.close()
    finally:
        window.runner.shutdown()
        if window.loader is not None:
            window.loader.shutdown()
        QApplication.processEvents()
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
    replay = (f"HERITAGE_MONKEY_SEED={seed} HERITAGE_MONKEY_ACTIONS={len(log)} "
              "python -X faulthandler -m pytest tests/gui/test_monkey.py -k monkey")
    assert not problems, (f"monkey seed {seed} ({steps} actions, failed at step {len(log) - 1}; replay: {replay}):\n"
                          + "\n".join(problems) + "\naction log:\n" + "\n".join(log[-60:]))

#!/usr/bin/env python
"""Screenshots of the analysis panels for the README, taken from a real window.

    DISPLAY=:94 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_panels.py PROJECT OUT_DIR

writes four PNGs of the main window into OUT_DIR:

* ``annotation-panel.png``: the variation annotation panel on one class, a few images in (→ pressed);
* ``judging.png``: the Results of one query with its first results judged by pressing G / O / J / W
  (good, ok, junk, wrong), chosen from the ground truth as an annotator would: another image of the
  query's class is *ok (hard)* when the class's annotations flag two or more variations on it, else
  *good*; a distractor is *junk*, an image of another class *wrong*;
* ``dashboard.png``: the evaluation dashboard, sorted by the first method's mAP, with a heatmap cell
  clicked (overall difficulty × the first method) and then a point of its scatter (one class);
* ``beats.png``: "where A beats B" for the first and the last method, the query where they differ
  most marked.

PROJECT is the one the README's pictures show: ``rparis6k_subset_5x50`` imported from
``../shared/data/rparis6k_subset_5x50/groups.csv``, efflite0-gem, efflite0-mac and colorhist
extracted, and the example annotations replayed (``scripts/annotate_by_keys.py --keys
resources/examples/rparis6k_panel_keys.txt``). ``scripts/screenshot-panels.sh`` builds it in a
temporary folder and runs this script under Xvfb. The judgments made for ``judging.png`` are
undone before the dashboard is shown, so the project is left as it was found and a second run
takes the same pictures. The window's settings go to a temporary file, never the user's.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_METHODS = ["efflite0-gem", "efflite0-mac", "colorhist"]
DEFAULT_QUERY = "images/invalides_paris6k_paris_invalides_000017.jpg"
DEFAULT_CLASS = "eiffel_tower"
SCATTER_CLASS = "louvre"
QUIET_S = 0.5  # the window must stay idle this long before a grab (late repaints, layouts)
TIMEOUT_S = 300.0


def wait_for(predicate: Callable[[], bool], what: str, timeout_s: float = TIMEOUT_S) -> None:
    """Run the event loop until ``predicate()`` holds; exit naming ``what`` after ``timeout_s``."""
    from heritage_explorer.gui.event_loop import run_until

    if not run_until(predicate, timeout_s):
        sys.exit(f"screenshot_panels: timed out after {timeout_s:.0f} s waiting for {what}")


def settle(window, what: str) -> None:
    """Wait until no job runs, nothing is pending and every visible thumbnail is painted, for QUIET_S."""
    panels = window.analysis_panels

    def idle() -> bool:  # the runner also runs the judged-mAP and preview jobs
        return (not window.runner.is_busy() and not window.catalog_loading and window.thumbnails_settled()
                and panels.job is None and not panels.timer.isActive())

    quiet_since: list[float] = []

    def quiet() -> bool:
        if not idle():
            quiet_since.clear()
            return False
        if not quiet_since:
            quiet_since.append(time.monotonic())
        return time.monotonic() - quiet_since[0] >= QUIET_S

    wait_for(quiet, what)


def grab(window, path: Path) -> None:
    if not window.grab().save(str(path)):
        sys.exit(f"screenshot_panels: could not write {path}")
    print(f"saved {path}", file=sys.stderr)


def press(widget, key_name: str) -> None:
    """Press one key (a QKeySequence name such as "Right", "G") on ``widget``, as a user would."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, QKeySequence(key_name)[0].key())


def click(widget, position) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, position.toPoint())


def shoot_annotation(window, out: Path, class_name: str, steps: int, method: str) -> None:
    """The annotation panel on ``class_name``, ``steps`` images after the first (→ pressed)."""
    panel = window.annotation_panel
    window.show_annotation_panel()
    panel.method_combo.setCurrentText(method)
    index = panel.class_combo.findData(class_name)
    if index < 0:
        sys.exit(f"screenshot_panels: class {class_name!r} is not in this project")
    panel.class_combo.setCurrentIndex(index)
    panel.view.setFocus()
    for _ in range(steps):
        press(panel.view, "Right")
    wait_for(lambda: panel.current_preview.image is not None and panel.reference_preview.image is not None,
             "the annotation panel's previews (does the class have a reference?)")
    settle(window, "the annotation panel")
    grab(window, out / "annotation-panel.png")


def judgment_key(item, query_group: str, flags: dict[int, frozenset[str]]) -> str:
    """The key an annotator would press for one result (see the module's docstring)."""
    from heritage_explorer.core.catalog import DISTRACTOR

    if item.group == query_group:
        return "O" if len(flags.get(item.image_id, ())) >= 2 else "G"
    return "J" if item.group in (DISTRACTOR, None) else "W"


def shoot_judging(window, out: Path, query: str, judged: int) -> None:
    """Search with ``query`` (catalog path or #id), judge its first ``judged`` results with the keys."""
    from heritage_explorer.core.annotations import AnnotationStore

    catalog = window.project.catalog
    try:
        row = catalog.image(int(query[1:])) if query.startswith("#") else catalog.find_image(query)
    except (KeyError, ValueError):
        row = None
    if row is None:
        sys.exit(f"screenshot_panels: query {query!r} is not an image of this project")
    window.tabs.setCurrentWidget(window.search_view)
    window.give_room_to_tabs(3 / 5)
    window.query_image(row.id)
    settle(window, "the search")
    model, view = window.search_view.model, window.search_view.view
    if model.rowCount() < 2:
        sys.exit(f"screenshot_panels: the search with {query} returned no results")
    flags = AnnotationStore(catalog).get(row.group).flags if row.group else {}
    view.setFocus()
    view.setCurrentIndex(model.index(1))  # the first result after the query itself
    for item in model.items[1:judged + 1]:
        press(view, judgment_key(item, row.group, flags))
    settle(window, "the judged mAP")
    grab(window, out / "judging.png")


def shoot_dashboard(window, out: Path, method: str, scatter_class: str) -> None:
    """The dashboard sorted by ``method``, its overall-difficulty cell clicked, then one class's point."""
    from PySide6.QtCore import Qt

    from heritage_explorer.core.annotations import OVERALL

    panels, view = window.analysis_panels, window.analysis_panels.dashboard
    panels.actions["dashboard"].trigger()
    settle(window, "the dashboard's numbers")
    if view.data is None or view.data.correlation is None:
        sys.exit(f"screenshot_panels: the dashboard shows no correlation: {view.status.text()}")
    view.class_view.sortByColumn(view.class_model.method_column(method), Qt.SortOrder.DescendingOrder)
    heatmap = view.heatmap
    cell = heatmap.cell_rect(heatmap.rows.index(OVERALL), heatmap.columns.index(method))
    click(heatmap, cell.center())
    if view.scatter_cell != (OVERALL, method):
        sys.exit("screenshot_panels: clicking the heatmap cell did not open its scatter")
    click(view.scatter, view.scatter.point_position(scatter_class))
    settle(window, "the class opened from the scatter")
    grab(window, out / "dashboard.png")


def shoot_beats(window, out: Path, a: str, b: str) -> None:
    """Where ``a`` beats ``b``, the query with the largest difference marked and listed first."""
    panels, beats = window.analysis_panels, window.analysis_panels.beats
    beats.set_pair(a, b)
    panels.actions["beats"].trigger()
    settle(window, "the A-vs-B comparison")
    comparison = beats.comparison
    if comparison is None or (comparison.method_a, comparison.method_b) != (a, b):
        sys.exit(f"screenshot_panels: no comparison of {a} and {b}: {beats.summary.text()}")
    # Mark it without clicking: a click opens the query in Compare methods, another tab.
    beats.scatter.highlight(comparison.largest_differences(1)[0].query_id)
    beats.differences.selectRow(0)
    settle(window, "the A-vs-B view")
    grab(window, out / "beats.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="project folder (see above)")
    parser.add_argument("out", type=Path, help="folder for the PNGs (created)")
    parser.add_argument("--method", dest="methods", action="append", metavar="SPEC",
                        help=f"extracted method, repeatable (default: {' '.join(DEFAULT_METHODS)}); the first "
                             "is searched with and sorted by, the first and the last are compared")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="catalog path or #id judged (default: %(default)s)")
    parser.add_argument("--judged", type=int, default=13, help="results judged (default: %(default)s)")
    parser.add_argument("--class", dest="class_name", default=DEFAULT_CLASS,
                        help="class shown in the annotation panel (default: %(default)s)")
    parser.add_argument("--steps", type=int, default=7, help="→ presses in that class (default: %(default)s)")
    parser.add_argument("--size", default="1600x1000", metavar="WxH", help="window size (default: %(default)s)")
    args = parser.parse_args(argv)
    methods = args.methods or DEFAULT_METHODS
    width, height = (int(n) for n in args.size.lower().split("x"))
    if not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        sys.exit("screenshot_panels: needs an X display and QT_QPA_PLATFORM=xcb (scripts/screenshot-panels.sh "
                 "starts Xvfb)")
    os.environ["QT_QPA_PLATFORM"] = "xcb"

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from heritage_explorer.gui.compat import configure_interpreter
    from heritage_explorer.gui.main_window import MainWindow
    from heritage_explorer.gui.settings import AppSettings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_interpreter()
    with tempfile.TemporaryDirectory(prefix="screenshot-panels-") as scratch:
        settings = AppSettings.from_file(str(Path(scratch) / "settings.ini"))  # leave the user's alone
        settings.search_method = methods[0]
        settings.compare_methods = list(methods)
        settings.k = 16
        window = MainWindow(settings)
        window.resize(width, height)
        window.extraction_dock.hide()  # the panels are the subject
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowActive(window, 5000)
        if not window.open_project(args.project):
            sys.exit(f"screenshot_panels: {window.message_bar.label.text()}")
        settle(window, "the catalog")
        args.out.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        shoot_annotation(window, args.out, args.class_name, args.steps, methods[0])
        history = window.edits.stack.index()
        shoot_judging(window, args.out, args.query, args.judged)
        window.edits.stack.setIndex(history)  # undo the judgments: leave the project as it was
        shoot_dashboard(window, args.out, methods[0], SCATTER_CLASS)
        shoot_beats(window, args.out, methods[0], methods[-1])
        print(f"4 screenshots in {args.out} ({time.monotonic() - started:.1f} s)", file=sys.stderr)
        window.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

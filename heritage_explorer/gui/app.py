"""Entry point of the desktop application: ``heritage-explorer`` and ``heritage-explorer open ...``.

Besides opening a project (and importing sources into it), the command line can script the
window for documentation and checks: extract methods, run a query, choose a tab, then grab the
window to a PNG once every job has ended and every visible thumbnail is painted, and quit.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from heritage_explorer import __version__
from heritage_explorer.gui.compat import configure_interpreter
from heritage_explorer.gui.settings import APPLICATION, ORGANIZATION, AppSettings

SETTLE_POLL_MS = 50
SETTLE_QUIET_MS = 400
SCRIPT_TIMEOUT_S = 900


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heritage-explorer open", description="Open the Heritage Explorer window.")
    parser.add_argument("--project", type=Path, help="project directory (created when --import is given)")
    parser.add_argument("--import", dest="imports", action="append", default=[], metavar="SOURCE",
                        help="folder, CSV listing or IIIF manifest (file or URL) to add first (repeatable)")
    parser.add_argument("--allow-absolute", action="store_true", help="let CSV paths point outside the CSV's folder")
    parser.add_argument("--method", dest="methods", action="append", default=[], metavar="SPEC",
                        help="method to search and compare with (repeatable; the first drives the result grid)")
    parser.add_argument("--extract", action="store_true", help="extract the --method specs first (resumable)")
    parser.add_argument("--query", metavar="IMAGE", help="a catalog path, #id, or an image file to search with")
    parser.add_argument("--tab", choices=["results", "compare"], help="tab to show under the grid")
    parser.add_argument("--screenshot", type=Path, metavar="PNG", help="grab the window once settled, save, quit")
    parser.add_argument("--size", default="1500x950", metavar="WxH", help="window size for --screenshot")
    parser.add_argument("--settings", metavar="INI", help="keep settings in this file instead of the user's")
    parser.add_argument("--version", action="version", version=f"heritage-explorer {__version__}")
    return parser


def run_app(argv: Sequence[str] = ()) -> int:
    """Create the application and the window, run the event loop; returns the exit status."""
    args = build_parser().parse_args(list(argv))
    multiprocessing.freeze_support()  # extraction runs in a spawned child: packaged builds need this
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "heritage-explorer"])
    configure_interpreter()
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    from heritage_explorer.gui.main_window import MainWindow

    if args.settings:
        settings = AppSettings.from_file(args.settings)
    elif args.screenshot:  # a scripted run leaves the user's settings alone
        settings = AppSettings.from_file(str(Path(tempfile.mkdtemp(prefix="he-settings-")) / "settings.ini"))
    else:
        settings = AppSettings()
    window = MainWindow(settings)
    if args.screenshot:
        width, _, height = args.size.partition("x")
        window.resize(int(width), int(height))
    window.show()
    script = Script(window, args)
    QTimer.singleShot(0, script.next_step)
    status = app.exec()
    return script.status if script.status else status


class Script:
    """The start-up steps, each waiting for the previous one's jobs: open, import, extract, query, grab."""

    def __init__(self, window, args: argparse.Namespace):
        self.window = window
        self.args = args
        self.status = 0
        self.started = time.monotonic()
        self.steps: list[Callable[[], None]] = [self._open]
        self.steps += [lambda s=source: self._import(s) for source in args.imports]
        self.steps += [self._methods]
        if args.extract and args.methods:
            self.steps.append(self._extract)
        if args.query:
            self.steps.append(self._query)
        if args.tab:
            self.steps.append(self._show_tab)
        if args.screenshot:
            self.steps.append(self._grab)
        self._quiet_since: float | None = None

    def next_step(self) -> None:
        if self._busy():
            if time.monotonic() - self.started > SCRIPT_TIMEOUT_S:
                self._fail("timed out waiting for the window's jobs")
                return
            QTimer.singleShot(SETTLE_POLL_MS, self.next_step)
            return
        if self.steps:
            step = self.steps.pop(0)
            step()
            QTimer.singleShot(SETTLE_POLL_MS, self.next_step)

    def _busy(self) -> bool:
        return self.window.runner.is_busy()

    def _open(self) -> None:
        window, args = self.window, self.args
        if args.project is not None:
            if not window.open_project(args.project, create=bool(args.imports)):
                self._fail(window.message_bar.label.text())
        elif window.settings.last_project and Path(window.settings.last_project).exists():
            window.open_project(window.settings.last_project)

    def _import(self, source: str) -> None:
        if self.window.project is not None:
            self.window.import_source(source, allow_absolute=self.args.allow_absolute)

    def _methods(self) -> None:
        if self.args.methods:
            self.window.settings.search_method = self.args.methods[0]
            self.window.settings.compare_methods = list(self.args.methods)
        self.window.refresh_methods()

    def _extract(self) -> None:
        self.window.extraction.start(list(self.args.methods))

    def _query(self) -> None:
        window, text = self.window, self.args.query
        if window.project is None:
            return
        window.refresh_methods()
        if text.startswith("#") and text[1:].isdigit():
            window.query_image(int(text[1:]))
            return
        row = window.project.catalog.find_image(text)
        if row is not None:
            window.query_image(row.id)
        else:
            window.query_file(text)

    def _show_tab(self) -> None:
        compare = self.args.tab == "compare"
        self.window.tabs.setCurrentIndex(1 if compare else 0)
        if compare:  # one row per method needs the room more than the grid does
            height = sum(self.window.splitter.sizes())
            self.window.splitter.setSizes([height * 2 // 5, height * 3 // 5])

    def _grab(self) -> None:
        """Wait until jobs, layouts and visible thumbnails have settled for a moment, then save."""
        if self._busy() or not self.window.thumbnails_settled():
            self._quiet_since = None
        elif self._quiet_since is None:
            self._quiet_since = time.monotonic()
        elif (time.monotonic() - self._quiet_since) * 1000 >= SETTLE_QUIET_MS:
            out = self.args.screenshot
            out.parent.mkdir(parents=True, exist_ok=True)
            if not self.window.grab().save(str(out)):
                self._fail(f"could not write {out}")
                return
            print(f"screenshot: {out}", file=sys.stderr)
            self.window.close()
            QApplication.instance().quit()
            return
        if time.monotonic() - self.started > SCRIPT_TIMEOUT_S:
            self._fail("timed out waiting for thumbnails")
            return
        self.steps.insert(0, self._grab)

    def _fail(self, reason: str) -> None:
        print(f"heritage-explorer: {reason}", file=sys.stderr)
        self.status = 2
        if self.args.screenshot:
            self.window.close()
            QApplication.instance().quit()

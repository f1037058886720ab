"""Entry point of the desktop application: ``heritage-explorer`` and ``heritage-explorer open ...``.

Besides opening a project (and importing sources into it), the command line can script the
window for documentation and checks: extract methods, run a query, choose a tab, then grab the
window to a PNG once every job has ended and every visible thumbnail is painted, and quit. With
``--quit-after-search`` the top hits are printed as one JSON object on stdout (with the start-up
time: process start to the grid showing its thumbnails) and the exit status says whether the
search worked; packaging/smoke-test.sh drives the frozen app this way.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from heritage_explorer import __version__
from heritage_explorer.core.network_guard import host_argument
from heritage_explorer.core.resources import ICON_NAME, MissingResourceError, icon_files
from heritage_explorer.gui.compat import configure_interpreter
from heritage_explorer.gui.i18n import LANGUAGES, install_translators, remove_translators, resolve_language
from heritage_explorer.gui.settings import APPLICATION, ORGANIZATION, AppSettings

#: Qt's own text of the standard Cancel button (translated by qtbase_<lang>, not by the app's catalog:
#: passed as a tuple so that lupdate does not copy it into the app's catalog)
QT_CANCEL = ("QPlatformTheme", "Cancel")

SETTLE_POLL_MS = 50
SETTLE_QUIET_MS = 400
SCRIPT_TIMEOUT_S = 900


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heritage-explorer open", description="Open the Heritage Explorer window.")
    parser.add_argument("--project", type=Path, help="project directory (created when --import is given)")
    parser.add_argument("--import", dest="imports", action="append", default=[], metavar="SOURCE",
                        help="folder, CSV listing or IIIF manifest (file or URL) to add first (repeatable)")
    parser.add_argument("--allow-absolute", action="store_true", help="let CSV paths point outside the CSV's folder")
    parser.add_argument("--allow-host", action="append", default=[], type=host_argument, metavar="HOST",
                        help="let IIIF downloads of the --import sources connect to HOST although it is loopback, "
                             "private or link-local (besides the hosts allowed in Settings; repeatable)")
    parser.add_argument("--method", dest="methods", action="append", default=[], metavar="SPEC",
                        help="method to search and compare with (repeatable; the first drives the result grid "
                             "and may be of any kind: global, local such as xfeat-1000, or a re-ranking "
                             "GLOBAL>>LOCAL@K; comparisons take the global ones)")
    parser.add_argument("--extract", action="store_true", help="extract the --method specs first (resumable)")
    parser.add_argument("--query", "--search-image", dest="query", metavar="IMAGE",
                        help="a catalog path, #id, or an image file to search with (methods without "
                             "descriptors are extracted first)")
    parser.add_argument("--region", metavar="X,Y,W,H",
                        help="search with this box of the --search-image (a catalog image) only, in pixels of "
                             "the original image, as a box drawn in its viewer")
    parser.add_argument("--tab", choices=["results", "compare"], help="tab to show under the grid")
    parser.add_argument("--screenshot", type=Path, metavar="PNG", help="grab the window once settled, save, quit")
    parser.add_argument("--quit-after-search", action="store_true",
                        help="print the query's top hits as JSON on stdout and quit (status 0 only if it worked)")
    parser.add_argument("--size", default="1500x950", metavar="WxH", help="window size for --screenshot")
    parser.add_argument("--settings", metavar="INI", help="keep settings in this file instead of the user's")
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language (default: the one chosen in Settings, "
                                                          "else the system locale's)")
    parser.add_argument("--version", action="version", version=f"heritage-explorer {__version__}")
    return parser


def run_app(argv: Sequence[str] = ()) -> int:
    """Create the application and the window, run the event loop; returns the exit status."""
    multiprocessing.freeze_support()  # extraction runs in a spawned child: packaged builds need this
    parser = build_parser()
    args = parser.parse_args(list(argv))
    args.methods = _canonical_methods(parser, args.methods)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "heritage-explorer"])
    configure_interpreter()
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(ICON_NAME)  # resources/heritage-explorer.desktop
    app.setWindowIcon(application_icon())
    from heritage_explorer.gui.main_window import MainWindow

    scripted = args.screenshot or args.quit_after_search
    if args.settings:
        settings = AppSettings.from_file(args.settings)
    elif scripted:  # a scripted run leaves the user's settings alone
        settings = AppSettings.from_file(str(Path(tempfile.mkdtemp(prefix="he-settings-")) / "settings.ini"))
    else:
        settings = AppSettings()
    try:
        translators = install_translators(app, resolve_language(args.lang or settings.language))
    except FileNotFoundError as exc:
        print(f"heritage-explorer: {exc}", file=sys.stderr)
        translators = []
    window = MainWindow(settings)
    if scripted:
        width, _, height = args.size.partition("x")
        window.resize(int(width), int(height))
    window.show()
    script = Script(window, args)
    QTimer.singleShot(0, script.next_step)
    status = app.exec()
    # Closing the last window may have queued another Quit event; left in the queue it would
    # end the next event loop of this process at once (tests run the app in-process).
    QCoreApplication.removePostedEvents(None, QEvent.Type.Quit)
    if translators:  # tests run the app in-process: the next window starts in English again
        remove_translators(app)
    return script.status if script.status else status


def application_icon() -> QIcon:
    """The app icon at every rendered size (resources/icons); an empty icon if the files are missing."""
    icon = QIcon()
    try:
        for path in icon_files():
            icon.addFile(str(path))
    except MissingResourceError as exc:
        print(f"heritage-explorer: {exc}", file=sys.stderr)
    return icon


def seconds_since_process_start() -> float | None:
    """Age of this process from the kernel's bookkeeping (Linux), or ``None`` where unavailable."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time in ticks
    except (OSError, ValueError, IndexError):
        return None


def _canonical_methods(parser: argparse.ArgumentParser, spellings: list[str]) -> list[str]:
    """The edge: each ``--method`` parsed once (an unknown one ends the run with the parser's usage
    and the reason), kept as its canonical spelling, the name the app's settings and boxes use."""
    from heritage_explorer.core.errors import UnknownMethodError
    from heritage_explorer.descriptors.method import parse_method

    try:
        return [str(parse_method(text)) for text in spellings]
    except UnknownMethodError as exc:
        parser.error(str(exc))
        raise  # parser.error exits


class Script:
    """The start-up steps, each waiting for the previous one's jobs: open, import, extract, query, grab."""

    def __init__(self, window, args: argparse.Namespace):
        self.window = window
        self.args = args
        self.status = 0
        self.started = time.monotonic()
        age = seconds_since_process_start()
        self.process_started = self.started - age if age is not None else self.started
        self.timings: dict[str, float] = {}
        self.steps: list[Callable[[], None]] = [self._open]
        self.steps += [lambda s=source: self._import(s) for source in args.imports]
        self.steps += [self._methods, self._shown]
        if args.methods and (args.extract or args.query):
            self.steps.append(self._extract)
        if args.query:
            self.steps += [self._query, self._searched]
        if args.tab:
            self.steps.append(self._show_tab)
        if args.screenshot:
            self.steps.append(self._grab)
        if args.quit_after_search:
            self.steps.append(self._report)
        if args.screenshot or args.quit_after_search:
            self.steps.append(self._quit)
        self._quiet_since: float | None = None
        self.finished = False

    def next_step(self) -> None:
        if self.finished:  # a poll still queued when the script quit must not act again
            return
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
            self.window.import_source(source, allow_absolute=self.args.allow_absolute,
                                      allow_hosts=self.args.allow_host)

    def _methods(self) -> None:
        if self.args.methods:
            self.window.settings.search_method = self.args.methods[0]
            self.window.settings.compare_methods = list(self.args.methods)
        self.window.refresh_methods()

    def _shown(self) -> None:
        """Record when the grid first shows the collection with its thumbnails painted."""
        window = self.window
        if window.project is not None and (window.catalog_loading or not window.thumbnails_settled()):
            self.steps.insert(0, self._shown)
            return
        self.timings["startup_s"] = round(time.monotonic() - self.process_started, 3)

    def _extract(self) -> None:
        """``--extract``: all the methods (resumes); with only a query: the methods without descriptors."""
        from heritage_explorer.pipeline.searchable import searchable_specs

        if self.window.project is None:
            return
        have = set(searchable_specs(self.window.project, self.args.methods))
        specs = [s for s in self.args.methods if self.args.extract or self.args.imports or s not in have]
        if specs:
            self.window.extraction.start(specs)
            self.steps.insert(0, self._check_extracted)

    def _check_extracted(self) -> None:
        from heritage_explorer.pipeline.searchable import searchable_specs

        have = set(searchable_specs(self.window.project, self.args.methods))
        missing = [s for s in self.args.methods if s not in have]
        if missing:
            self._fail(f"no descriptors for {', '.join(missing)} after extraction: "
                       f"{self.window.message_bar.label.text()}")

    def _query(self) -> None:
        window, text = self.window, self.args.query
        if window.project is None:
            return
        self.timings["search_started"] = time.monotonic()  # _searched runs once its jobs have ended
        window.refresh_methods()
        if text.startswith("#") and text[1:].isdigit():
            image_id: int | None = int(text[1:])
        else:
            row = window.project.catalog.find_image(text)
            image_id = row.id if row is not None else None
        if self.args.region is not None:
            self._query_region(image_id)
        elif image_id is not None:
            window.query_image(image_id)
        else:
            window.query_file(text)

    def _query_region(self, image_id: int | None) -> None:
        from heritage_explorer.core.errors import HeritageError
        from heritage_explorer.core.regions import parse_box

        if image_id is None:
            self._fail(f"--region needs a catalog image as --search-image, not {self.args.query}")
            return
        try:
            box = parse_box(self.args.region)
        except HeritageError as exc:
            self._fail(str(exc))
            return
        self.window.query_region(image_id, box)

    def _searched(self) -> None:
        started = self.timings.pop("search_started", None)
        if started is not None:
            self.timings["search_s"] = round(time.monotonic() - started, 3)

    def _show_tab(self) -> None:
        compare = self.args.tab == "compare"
        self.window.tabs.setCurrentIndex(1 if compare else 0)
        if compare:  # one row per method needs the room more than the grid does
            height = sum(self.window.splitter.sizes())
            grid = height // 5 if len(self.args.methods) > 2 else height * 2 // 5
            self.window.splitter.setSizes([grid, height - grid])

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
            return
        if time.monotonic() - self.started > SCRIPT_TIMEOUT_S:
            self._fail("timed out waiting for thumbnails")
            return
        self.steps.insert(0, self._grab)

    def _report(self) -> None:
        """Print the query's hits (as the result grid shows them) as JSON; no hits is a failure."""
        window = self.window
        items = window.search_view.model.items
        if window.project is None or not self.args.query:
            self._fail("--quit-after-search needs --project and --search-image")
            return
        if not items:
            self._fail(f"the search returned no results: {window.message_bar.label.text() or 'no method to search with'}")
            return
        report = {
            "version": __version__,
            "project": str(window.project.root),
            "query": self.args.query,
            "method": window.query_strip.method,
            "startup_s": self.timings.get("startup_s"),
            "search_s": self.timings.get("search_s"),
            # the interface language as shown: the app's catalog (the File menu) and Qt's own (qtbase: a
            # standard button), so the frozen app's smoke test sees both catalogs were bundled
            "interface": {"language": QCoreApplication.instance().property("heritage_language") or "en",
                          "file_menu": window.menuBar().actions()[0].text(),
                          "qt_cancel": QCoreApplication.translate(*QT_CANCEL)},
            "hits": [{"rank": item.rank, "image_id": item.image_id, "path": item.path, "group": item.group,
                      "score": None if item.score is None else round(float(item.score), 6),
                      **({"box": item.box.to_json()} if item.box is not None else {})} for item in items],
        }
        print(json.dumps(report, indent=1), flush=True)

    def _quit(self) -> None:
        self.finished = True
        self.steps.clear()
        self.window.close()
        QApplication.instance().quit()

    def _fail(self, reason: str) -> None:
        print(f"heritage-explorer: {reason}", file=sys.stderr)
        self.status = 2
        self.steps.clear()
        if self.args.screenshot or self.args.quit_after_search:
            self._quit()

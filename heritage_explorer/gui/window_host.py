"""What the window's controllers (``menus``, ``window_state``, ``analysis_panels``,
``judging_controller``) may use of the window they are installed in.

The main window builds its controllers, so they must not import it back: each is typed with
:class:`WindowHost`, the part of the window it relies on, and ``MainWindow`` provides it. A
widget never takes the window: it gets what it shows and emits signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QDockWidget,
        QMenuBar,
        QStackedWidget,
        QStatusBar,
        QTabWidget,
        QToolBar,
        QWidget,
    )

    from heritage_explorer.core.regions import Box
    from heritage_explorer.gui.annotation_commands import GroundTruthEdits
    from heritage_explorer.gui.match_controller import MatchController
    from heritage_explorer.gui.models.thumbnails import CatalogModel
    from heritage_explorer.gui.query_controller import QueryController
    from heritage_explorer.gui.settings import AppSettings
    from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
    from heritage_explorer.gui.widgets.annotation_panel import AnnotationPanel
    from heritage_explorer.gui.widgets.compare_view import CompareView
    from heritage_explorer.gui.widgets.empty_state import EmptyState
    from heritage_explorer.gui.widgets.extraction_panel import ExtractionPanel
    from heritage_explorer.gui.widgets.filter_bar import FilterBar
    from heritage_explorer.gui.widgets.image_viewer import ImageViewer
    from heritage_explorer.gui.widgets.message_bar import MessageBar
    from heritage_explorer.gui.widgets.search_view import QueryStrip, SearchView
    from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
    from heritage_explorer.gui.workers import Job, JobRunner
    from heritage_explorer.pipeline.project import Project
    from heritage_explorer.pipeline.session import Session


class Judging(Protocol):
    """What the menus ask of the judging controller."""

    def judge_next_unjudged(self) -> int | None: ...

    def recompute(self) -> None: ...


class WindowHost(Protocol):
    """The open project, the services and the views of the window, and what it can be asked to do."""

    project: Project | None  # the session's
    session: Session
    settings: AppSettings
    runner: JobRunner
    loader: ThumbnailLoader | None
    edits: GroundTruthEdits
    queries: QueryController
    analysis_panels: Any  # analysis_panels.AnalysisPanels, which imports this module
    adaptation: Any  # adaptation.AdaptationController, likewise
    judging: Judging
    matches: MatchController
    catalog_model: CatalogModel
    catalog_loading: bool
    empty_kind: str | None
    grid: ThumbnailGrid
    grid_stack: QStackedWidget
    empty_state: EmptyState
    filter_bar: FilterBar
    query_strip: QueryStrip
    search_view: SearchView
    compare_view: CompareView
    annotation_panel: AnnotationPanel
    tabs: QTabWidget
    extraction: ExtractionPanel
    extraction_dock: QDockWidget
    message_bar: MessageBar
    actions_by_name: dict[str, QAction]
    project_changed: SignalInstance
    analysis_data_changed: SignalInstance

    @property
    def query(self) -> dict | None: ...

    def show_message(self, text: str, level: str = "error") -> None: ...

    def open_project(self, path: str | Path, *, create: bool = False) -> bool: ...

    def import_source(self, source: str, *, allow_absolute: bool = False,
                      allow_hosts: Sequence[str] = ()) -> Job | None: ...

    def cancel_import(self) -> None: ...

    def refresh_methods(self) -> None: ...

    def query_image(self, image_id: int) -> None: ...

    def query_region(self, image_id: int, region: Box) -> None: ...

    def paste_query(self) -> None: ...

    def open_viewer(self, image_id: int, *, found: Box | None = None) -> ImageViewer | None: ...

    def show_annotation_panel(self) -> None: ...

    def give_room_to_tabs(self, share: float) -> None: ...

    # QMainWindow's own
    def menuBar(self) -> QMenuBar: ...  # noqa: N802

    def statusBar(self) -> QStatusBar: ...  # noqa: N802

    def addToolBar(self, title: str) -> QToolBar: ...  # noqa: N802

    def focusWidget(self) -> QWidget | None: ...  # noqa: N802

    def close(self) -> bool: ...

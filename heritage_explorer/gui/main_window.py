"""The main window: collection grid, query strip with results and comparison tabs, extraction dock.

The window holds the open project and starts every long job through one :class:`JobRunner`;
its slots only update widgets from the jobs' signals. Errors arrive as messages in the
message bar, never as exceptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QWidget

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.catalog import CATALOG_NAME
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.regions import Box
from heritage_explorer.gui.adaptation import install_adaptation
from heritage_explorer.gui.analysis_panels import install_analysis_panels
from heritage_explorer.gui.annotation_commands import GroundTruthEdits
from heritage_explorer.gui.clipboard import clipboard_image, dropped_folder, image_file
from heritage_explorer.gui.describer import ExternalDescriber
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.import_controller import ImportController
from heritage_explorer.gui.judging_controller import JudgingController
from heritage_explorer.gui.match_controller import MatchController
from heritage_explorer.gui.menus import install_actions
from heritage_explorer.gui.method_builder_controller import install_method_builder
from heritage_explorer.gui.models.thumbnails import CatalogModel, Roles, read_first_page
from heritage_explorer.gui.query_controller import QueryController
from heritage_explorer.gui.session_views import follow_session
from heritage_explorer.gui.settings import AppSettings
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader, load_image_plugins
from heritage_explorer.gui.widgets.annotation_panel import AnnotationPanel
from heritage_explorer.gui.widgets.columns import column
from heritage_explorer.gui.widgets.compare_view import CompareView
from heritage_explorer.gui.widgets.empty_state import EmptyState
from heritage_explorer.gui.widgets.extraction_panel import ExtractionPanel
from heritage_explorer.gui.widgets.filter_bar import FilterBar
from heritage_explorer.gui.widgets.image_viewer import ImageViewer, viewer_fields
from heritage_explorer.gui.widgets.message_bar import MessageBar
from heritage_explorer.gui.widgets.search_view import QueryStrip, SearchView
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.gui.window_state import (
    drop_folder,
    forget_project,
    offer_new_project,
    thumbnails_settled,
    update_enabled,
)
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline import Project, open_project
from heritage_explorer.pipeline.comparison import default_method
from heritage_explorer.pipeline.searchable import extracted_global_specs, searchable_specs
from heritage_explorer.pipeline.session import Session

TITLE = "Heritage Explorer"


#: What the window says when it opens a read-only project (a read-only drive or folder).
READ_ONLY_NOTE = QT_TRANSLATE_NOOP("MainWindow", "Read-only project: browsing, search and export work; importing, extraction, annotating and "
                  "judging need write access (copy the project to a writable folder).")


class MainWindow(QMainWindow):
    #: Another project was opened (or the open one's catalog was re-read).
    project_changed = Signal()
    #: Variation annotations or relevance judgments of the open project changed.
    analysis_data_changed = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        load_image_plugins()
        self.settings = settings
        self.setWindowTitle(TITLE)
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self.session = Session()  # the open project, the search method, the query, the selection
        self.loader: ThumbnailLoader | None = None
        self.runner = JobRunner(self)
        self.describer = ExternalDescriber()  # its child process starts with the first external query
        self.catalog_loading = False
        self.viewers: list[ImageViewer] = []
        size = settings.thumbnail_size
        self.message_bar = MessageBar()
        self.filter_bar = FilterBar(thumbnail_size=size)
        self.catalog_model = CatalogModel(self, thumbnail_size=size)
        self.grid = ThumbnailGrid(size=size)
        self.grid.setModel(self.catalog_model)
        self.empty_state = EmptyState()
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.empty_state)
        self.grid_stack.addWidget(self.grid)
        self.empty_kind: str | None = None  # what the empty state says (window_state.update_enabled)
        self.query_strip = QueryStrip(k=settings.k)
        self.search_view = SearchView(thumbnail_size=min(size, 128))
        self.compare_view = CompareView(thumbnail_size=min(size, 112))
        self.edits = GroundTruthEdits(self)  # undoable annotation and judgment edits, saved at once
        self.annotation_panel = AnnotationPanel(self.runner, self.edits)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.search_view, translate("MainWindow", "Results"))
        self.tabs.addTab(self.compare_view, translate("MainWindow", "Compare methods"))
        self.tabs.addTab(self.annotation_panel, translate("MainWindow", "Annotate variations"))
        self.queries = QueryController(self.session, self.runner, self.describer, self.catalog_model,
                                       self.query_strip, self.search_view, self.compare_view, self.show_message, self)
        self.judging = JudgingController(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(column(self.filter_bar, self.grid_stack))
        self.splitter.addWidget(column(self.query_strip, self.tabs))
        self.splitter.setSizes([520, 380])
        self.setCentralWidget(column(self.message_bar, self.splitter, margin=4))
        self.extraction = ExtractionPanel(self.runner)
        self.extraction.set_checked(settings.selected_methods)
        self.extraction.set_options(settings.extraction_options)
        self.extraction_dock = QDockWidget(translate("MainWindow", "Extraction"), self)
        self.extraction_dock.setObjectName("ExtractionDock")
        self.extraction_dock.setWidget(self.extraction)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.extraction_dock)
        self.imports = ImportController(self.runner, self.statusBar(), self)
        self.actions_by_name = install_actions(self)
        self.analysis_panels = install_analysis_panels(self)
        self.adaptation = install_adaptation(self, self.analysis_panels)
        self.method_builder = install_method_builder(self)  # in the extraction panel
        self.matches = MatchController(self.runner, self.describer, self.search_view, self.session, self)
        self._connect()
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        if settings.window_state is not None:
            self.restoreState(settings.window_state)
        self._update_enabled()

    @property
    def project(self) -> Project | None:
        return self.session.project

    @project.setter
    def project(self, project: Project | None) -> None:
        self.session.project = project

    def _connect(self) -> None:
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self.filter_bar.size_changed.connect(self.set_thumbnail_size)
        self.grid.clicked.connect(self._grid_clicked)
        self.grid.doubleClicked.connect(lambda index: self.open_viewer(int(index.data(Roles.ImageId))))
        self.search_view.open_image.connect(lambda i: self.open_viewer(i, found=self.search_view.box_of(i)))
        self.compare_view.open_image.connect(self.open_viewer)
        self.compare_view.methods_changed.connect(self._compare_methods_changed)
        follow_session(self)  # the views that set and observe the session
        self.query_strip.k_changed.connect(self._k_changed)
        self.extraction.message.connect(self.show_message)
        self.extraction.extraction_ended.connect(lambda _how: self.refresh_methods())
        self.extraction.selection_changed.connect(self._remember_extraction_choice)
        self.runner.busy_changed.connect(lambda _busy: self._update_enabled())
        self.edits.changed.connect(lambda _kind, _where: self.analysis_data_changed.emit())
        self.edits.failed.connect(lambda text: self.show_message(text, "info"))
        self.annotation_panel.message.connect(self.show_message)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.imports.ended.connect(self._import_ended_with)

    # -- messages --------------------------------------------------------------------------------
    def show_message(self, text: str, level: str = "error") -> None:
        self.message_bar.show_message(text, level)
        self.statusBar().showMessage(self.message_bar.text.splitlines()[0], 8000)

    # -- project ---------------------------------------------------------------------------------
    def open_project(self, path: str | Path, *, create: bool = False) -> bool:
        """Open (or create) the project at ``path``; errors go to the message bar."""
        try:
            project = open_project(path, create=create)
        except HeritageError as exc:
            if not create and not (Path(path) / CATALOG_NAME).exists():
                offer_new_project(self, path)
            else:
                self.show_message(str(exc))
            return False
        if self.extraction.running:
            self.extraction.cancel()
        forget_project(self)  # shuts the old loader down
        if self.loader is not None:  # deleted, its pool waits for the decodes in flight
            self.loader.deleteLater()
        self.project = project
        self.loader = ThumbnailLoader(self.settings.thumbnail_dir(project.root, project.cache_dir), self,
                                      threads=self.settings.threads)
        for model_owner in (self.catalog_model, self.search_view.model, self.query_strip.model):
            model_owner.set_loader(self.loader)
        self.compare_view.set_loader(self.loader)
        self.edits.set_store(AnnotationStore(project.catalog))
        self.annotation_panel.set_project(project, self.loader)
        self.reload_catalog()
        self.extraction.set_project(project)
        self.extraction.refresh_problems()
        self.refresh_methods()
        self.settings.last_project = str(project.root)
        self.setWindowTitle(f"{TITLE} — {project.root.name}"
                            + (translate("MainWindow", " (read-only)") if project.read_only else ""))
        if project.read_only:
            self.show_message(translate("MainWindow", READ_ONLY_NOTE), "info")
        self._update_enabled()
        self.project_changed.emit()
        return True

    def reload_catalog(self) -> None:
        """Read the catalog's first page in a worker (1M rows: tens of ms) and show it when read."""
        if self.project is None:
            return
        self.catalog_loading = True
        project, model = self.project, self.catalog_model
        job = Job("read catalog", read_first_page, project.catalog, model.filter_group, model.filter_text,
                  with_progress=False, with_cancel=False)
        self.runner.start(job, on_finished=lambda page: self._show_catalog(project, page),
                          on_failed=self._catalog_failed)

    def _show_catalog(self, project: Project, page) -> None:
        if project is not self.project:
            return  # another project was opened meanwhile
        self.catalog_model.set_page(project.catalog, page)
        self.filter_bar.set_classes(self.catalog_model.classes())
        self._update_counts()
        self.catalog_loading = False
        self._update_enabled()

    def _catalog_failed(self, message: str) -> None:
        self.catalog_loading = False
        self.show_message(message)

    def refresh_methods(self) -> None:
        """Methods with descriptors or features: every kind for search and comparison (four global
        ones compared by default), the global ones for the reference suggestion."""
        specs = extracted_global_specs(self.project) if self.project is not None else []
        wanted = (self.settings.search_method, self.settings.default_method)
        chosen = self.settings.compare_methods
        every = searchable_specs(self.project, [*wanted, *(chosen or []), *self.settings.built_methods],
                                 rerank_base=default_method(specs), global_specs=specs) if self.project is not None else []
        self.query_strip.set_methods(every, *wanted)
        self.session.method = self.query_strip.method  # refilled without a signal
        selected = [s for s in chosen if s in every] if chosen is not None else specs[:4]
        self.compare_view.set_available(selected + [s for s in every if s not in selected], selected)
        self.annotation_panel.set_methods(specs, self.query_strip.method)
        self._update_enabled()

    def _apply_filter(self, group: str, text: str) -> None:
        self.catalog_model.set_filter(group, text)
        self._update_counts()

    def _update_counts(self) -> None:
        self.filter_bar.set_counts(self.catalog_model.matching(), self.catalog_model.total())

    def set_thumbnail_size(self, size: int) -> None:
        self.settings.thumbnail_size = size
        self.grid.set_thumbnail_size(size)
        self.search_view.view.set_thumbnail_size(min(size, 160))

    # -- import ----------------------------------------------------------------------------------
    @property
    def import_job(self) -> Job | None:
        """The import running, if any."""
        return self.imports.job

    def import_source(self, source: str, *, allow_absolute: bool = False, allow_hosts: Sequence[str] = ()) -> Job | None:
        """Add a folder, CSV or IIIF manifest (file or URL) to the project, in a worker. IIIF downloads
        may reach the hosts allowed in Settings and ``allow_hosts`` (``open --allow-host``), else
        public addresses only."""
        if self.project is None:
            self.show_message(translate("MainWindow", "Open or create a project first (File ▸ New project)."), "info")
            return None
        if self.imports.job is not None:
            self.show_message(translate("MainWindow", "An import is already running."), "info")
            return None
        return self.imports.start(self.project, source, allow_absolute=allow_absolute,
                                  allow_hosts=[*self.settings.allowed_hosts, *allow_hosts])

    def cancel_import(self) -> None:
        self.imports.cancel()

    def _import_ended_with(self, text: str, level: str) -> None:
        """An import ended: show what it changed."""
        self.reload_catalog()
        self.extraction.refresh_problems()
        self.annotation_panel.reload_classes()
        self.project_changed.emit()
        self.show_message(text, level)

    # -- queries ---------------------------------------------------------------------------------
    def _grid_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.query_image(int(index.data(Roles.ImageId)))

    @property
    def query(self) -> dict | None:
        """The query shown: ``{"image_id": n}`` or ``{"image_path": p}`` (a region: ``region``, ``region_of``)."""
        return self.queries.query

    def query_image(self, image_id: int) -> None:
        self.queries.query_image(image_id)

    def query_file(self, path: str | Path) -> None:
        self.queries.query_file(path)

    def query_region(self, image_id: int, region: Box) -> None:
        self.queries.query_region(image_id, region)

    def _k_changed(self, k: int) -> None:
        self.settings.k = k
        self.queries.run()

    def _compare_methods_changed(self, specs: list[str]) -> None:
        self.settings.compare_methods = specs
        self.queries.run()

    def show_annotation_panel(self) -> None:
        self.tabs.setCurrentWidget(self.annotation_panel)
        self.annotation_panel.view.setFocus()

    def _tab_changed(self, _index: int) -> None:
        """Only the result views need the query strip; the panels that replace it want more height."""
        showing_results = self.tabs.currentWidget() in (self.search_view, self.compare_view)
        self.query_strip.setVisible(showing_results)
        if not showing_results:
            self.give_room_to_tabs(3 / 4)
        focus = self.focusWidget()
        if self.tabs.currentWidget() is self.annotation_panel and (
                focus is None or not self.annotation_panel.isAncestorOf(focus)):
            self.annotation_panel.view.setFocus()  # its keys act only with the focus inside it

    def give_room_to_tabs(self, share: float) -> None:
        """Let the tabs under the grid have at least ``share`` of the height (annotating, judging)."""
        top, bottom = self.splitter.sizes()
        if bottom < share * (top + bottom) - 1:
            self.splitter.setSizes([round((top + bottom) * (1 - share)), round((top + bottom) * share)])

    def _remember_extraction_choice(self, methods: list[str]) -> None:
        self.settings.selected_methods = methods

    # -- drop and paste --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if image_file(event.mimeData()) is not None or dropped_folder(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        path = image_file(event.mimeData())
        folder = dropped_folder(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.query_file(path)
        elif folder is not None:
            event.acceptProposedAction()
            self.drop_folder(folder)

    def drop_folder(self, folder: str) -> None:
        drop_folder(self, folder)

    def paste_query(self) -> None:
        """Query with the clipboard: an image file (URL) or image data, saved under P/cache/pasted."""
        path = clipboard_image(self.project.cache_dir / "pasted" if self.project is not None else None)
        if path is None:
            self.show_message(translate("MainWindow", "The clipboard holds no image or image file."), "info")
            return
        self.query_file(path)

    # -- viewer ----------------------------------------------------------------------------------
    def open_viewer(self, image_id: int, *, found: Box | None = None) -> ImageViewer | None:
        """The image in a viewer; ``found``: the box where a region query found its region, drawn on it."""
        if self.project is None or image_id < 0:
            return None
        try:
            row = self.project.catalog.image(image_id)
        except KeyError:
            return None
        size = (row.width, row.height) if row.width and row.height else None
        viewer = ImageViewer(self.runner, str(row.abspath), viewer_fields(row), self, original_size=size, found=found)
        viewer.region_chosen.connect(lambda box, i=image_id: self.query_region(i, box))
        viewer.finished.connect(lambda _result, v=viewer: self.viewers.remove(v) if v in self.viewers else None)
        self.viewers.append(viewer)
        viewer.show()
        return viewer

    # -- state -----------------------------------------------------------------------------------
    def thumbnails_settled(self) -> bool:
        """Whether every visible cell of every visible view shows its thumbnail (or its failure)."""
        return thumbnails_settled(self)

    def _update_enabled(self) -> None:
        update_enabled(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.selected_methods = self.extraction.checked_methods()
        self.settings.extraction_options = [f for f, box in self.extraction.option_boxes.items() if box.isChecked()]
        self.settings.sync()
        self.runner.shutdown()
        self.describer.shutdown()
        if self.loader is not None:
            self.loader.shutdown()
        super().closeEvent(event)


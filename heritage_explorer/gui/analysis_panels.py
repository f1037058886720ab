"""The analysis panels of the main window: evaluation dashboard, "where A beats B", report export.

:func:`install_analysis_panels` adds two tabs next to "Results" and "Compare methods" and an
"Evaluation" menu. (The existing "Analyse" menu holds extraction and search; a second menu
named "Analysis" beside it would read as the same word twice.) One :class:`AnalysisPanels`
object keeps the evaluation results of the project's methods, recomputes in the window's
JobRunner (never in the GUI thread) when annotations, judgments, descriptors or the project
change — debounced, and only while one of its tabs is shown — and connects clicks to the
window: a scatter point of the dashboard filters the grid to its class, a query of "A beats B"
opens in the side-by-side comparison.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.evaluation.comparison import QueryComparison, compare_per_query
from heritage_explorer.evaluation.metrics import EvaluationResult
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.report_export import ReportExporter
from heritage_explorer.gui.vocabulary import stage_text
from heritage_explorer.gui.widgets.beats_view import BeatsView
from heritage_explorer.gui.widgets.dashboard import DashboardView
from heritage_explorer.gui.window_host import WindowHost
from heritage_explorer.gui.workers import Job
from heritage_explorer.pipeline.analysis import (
    DashboardData,
    dashboard_data,
    evaluate_each,
    grayscale_pairs,
    is_grayscale,
)
from heritage_explorer.pipeline.method_list import extracted_all
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.searchable import scores_are_inliers

DEBOUNCE_MS = 300
PANEL_SHARE = 0.7  # of the window's height, given to the tabs when a panel is shown from the menu
ACTIONS = ("dashboard", "beats", "recompute", "export_report")  # the Evaluation menu of menus.ACTIONS


@dataclass(frozen=True)
class AnalysisUpdate:
    """One recomputation: the dashboard's numbers, the A-vs-B comparison, the results newly evaluated."""

    dashboard: DashboardData | None
    comparison: QueryComparison | None
    evaluated: dict[str, EvaluationResult]


def compute_analysis(
    project: Project, specs: Sequence[str], pair: tuple[str | None, str | None], available: Sequence[str],
    cached: Mapping[str, EvaluationResult], *,
    progress: Callable[[Progress], None] | None = None, cancel: CancelToken | None = None,
) -> AnalysisUpdate:
    """Evaluate what ``cached`` lacks, then build the dashboard of ``specs`` and compare ``pair`` (worker side)."""
    grayscale = grayscale_pairs(specs, available)
    needed = list(dict.fromkeys([*specs, *grayscale.values(), *(s for s in pair if s)]))
    evaluated = evaluate_each(project, [s for s in needed if s not in cached], progress=progress, cancel=cancel)
    results = {**cached, **evaluated}
    dashboard = dashboard_data(project, specs, results, grayscale) if specs else None
    a, b = pair
    comparison = compare_per_query(results[a], results[b], names=(a, b)) if a and b else None
    return AnalysisUpdate(dashboard, comparison, evaluated)


class AnalysisPanels(QObject):
    """The dashboard and A-vs-B tabs of ``window``, their menu, and the cache of evaluation results."""

    updated = Signal()  # the panels show the project's current state (numbers, or why there are none)

    def __init__(self, window: WindowHost):
        super().__init__(window)
        self.window = window
        self.dashboard = DashboardView()
        self.beats = BeatsView(name_of=self._image_name)
        window.tabs.addTab(self.dashboard, translate("AnalysisPanels", "Evaluation dashboard"))
        window.tabs.addTab(self.beats, translate("AnalysisPanels", "Where A beats B"))
        self.exporter = ReportExporter(lambda: window.project, window.runner, window.statusBar(),
                                       window.show_message, window, specs=self.dashboard.checked_methods)
        self.available: list[str] = []
        self.project_root = None
        self.results: dict[str, EvaluationResult] = {}
        self.generation = 0  # bumped whenever the cached results may no longer hold
        self.stale = True
        self.job: Job | None = None
        self._again = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.recompute)
        self.actions = {name: window.actions_by_name[name] for name in ACTIONS}  # menus.ACTIONS' entries
        window.project_changed.connect(self._project_changed)
        window.analysis_data_changed.connect(self.schedule)
        window.extraction.extraction_ended.connect(lambda _how: self.descriptors_changed())
        window.tabs.currentChanged.connect(lambda _index: self._tab_shown())
        self.dashboard.methods_changed.connect(lambda _specs: self.schedule())
        self.dashboard.refresh_requested.connect(self.recompute)
        self.dashboard.class_opened.connect(self.open_class)
        self.beats.pair_changed.connect(lambda _a, _b: self.schedule())
        self.beats.query_opened.connect(self.open_query)
        if window.project is not None:
            self._project_changed()

    # -- what is shown -------------------------------------------------------------------------
    def is_shown(self) -> bool:
        return self.window.tabs.currentWidget() in (self.dashboard, self.beats)

    def show_panel(self, panel: QWidget) -> None:
        """Switch to ``panel``'s tab and give the tabs most of the window's height (the menu actions)."""
        self.window.tabs.setCurrentWidget(panel)
        self.window.give_room_to_tabs(PANEL_SHARE)

    def _tab_shown(self) -> None:
        if self.is_shown() and self.stale:
            self.timer.start()

    # -- triggers ------------------------------------------------------------------------------
    def _project_changed(self) -> None:
        """Another project (forget the ticked methods), or the same one re-read after an import (keep them)."""
        root = self.window.project.root if self.window.project is not None else None
        if root != self.project_root:
            self.project_root = root
            self.available = []
            self.dashboard.set_methods([], [])
            # the previous project's numbers must not stay on screen (nor its query ids be clickable)
            self.dashboard.clear(translate("AnalysisPanels", "Computing…"))
            self.beats.clear(translate("AnalysisPanels", "Computing…"))
        self.descriptors_changed()

    def descriptors_changed(self) -> None:
        """New or re-extracted descriptors (or another project): the cached results no longer hold."""
        project = self.window.project
        specs = extracted_all(project) if project is not None else []
        preferred = [s for s in self.window.settings.compare_methods or [] if s in specs]
        specs = preferred + [s for s in specs if s not in preferred]  # the compare view's choice first
        colour = [s for s in specs if not is_grayscale(s)] or specs  # the +gray variants go in Table 2
        # Standalone local retrieval verifies up to 100 candidates per query (about a second each on
        # a large collection): listed, evaluated once ticked, not ticked by default.
        local = {s for s in colour if scores_are_inliers(s)}
        default = [s for s in colour if s not in local] or colour
        previous = self.dashboard.checked_methods()
        checked = [s for s in colour if s in previous or (s not in self.available and s not in local)] \
            if previous else default
        self.available = specs
        self.dashboard.set_methods(specs, checked)
        self.beats.set_methods(specs, *(default + [None, None])[:2])
        self.results = {}
        self.generation += 1
        self.schedule()

    def schedule(self) -> None:
        """Recompute soon (debounced) if a panel is shown, else when one is."""
        self.stale = True
        if self.is_shown():
            self.timer.start()

    # -- computation ---------------------------------------------------------------------------
    def recompute(self) -> Job | None:
        """Start a recomputation in the worker now (or right after the running one)."""
        self.timer.stop()
        window = self.window
        if self.job is not None:
            self._again = True
            return None
        if window.project is None:
            self.dashboard.clear(translate("AnalysisPanels", "Open a project with extracted methods."))
            self.beats.clear(translate("AnalysisPanels", "Open a project with extracted methods."))
            return None
        if window.extraction.running:
            self.stale = True
            self.dashboard.set_status(translate("AnalysisPanels", "Waiting for the extraction to finish…"))
            return None
        if not self.available:
            text = translate("AnalysisPanels", "No method has descriptors yet: tick methods in the Extraction panel "
                             "and press Extract.")
            self.dashboard.clear(text)
            self.beats.clear(text)
            self.stale = False
            self.updated.emit()
            return None
        self.stale = False
        specs, pair = self.dashboard.checked_methods(), self.beats.pair()
        project, generation = window.project, self.generation
        self.dashboard.set_status(translate("AnalysisPanels", "Computing…"))
        self.job = Job("analysis", compute_analysis, project, specs, pair, list(self.available), dict(self.results))
        self.job.signals.ended.connect(self._ended)  # before it starts: a quick job could end first
        return window.runner.start(self.job, on_progress=self._progress,
                                   on_finished=lambda update: self._show(project, generation, update),
                                   on_failed=self._failed, on_cancelled=lambda: self.dashboard.set_status(
                                       translate("AnalysisPanels", "Cancelled.")))

    def _image_name(self, image_id: int) -> str | None:
        source = self.window.catalog_model.source_of(image_id)
        return os.path.basename(source[0]) if source is not None else None

    def _progress(self, progress: Progress) -> None:
        stage = stage_text(progress.stage)
        self.dashboard.set_status(f"{stage[:1].upper()}{stage[1:]} {progress.message} ({progress.done}/{progress.total})…")

    def _show(self, project: Project, generation: int, update: AnalysisUpdate) -> None:
        if project is not self.window.project or generation != self.generation:
            return  # another project, or descriptors changed meanwhile: a newer run follows
        self.results.update(update.evaluated)
        if update.dashboard is None:
            self.dashboard.clear(translate("AnalysisPanels", "Tick at least one method."))
        else:
            self.dashboard.set_data(update.dashboard)
        comparison = update.comparison
        if comparison is None:
            self.beats.clear(translate("AnalysisPanels", "Choose two extracted methods."))
        elif (comparison.method_a, comparison.method_b) == self.beats.pair():
            a, b = comparison.method_a, comparison.method_b
            self.beats.set_comparison(comparison, self.results[a].global_map, self.results[b].global_map)
        self.updated.emit()

    def _failed(self, message: str) -> None:
        text = translate("AnalysisPanels", "Analysis failed: {message}").format(message=error_text(message))
        self.dashboard.set_status(text)
        self.window.show_message(text)

    def _ended(self) -> None:
        self.job = None
        if self._again:
            self._again = False
            self.recompute()

    # -- clicks that open something in the window ----------------------------------------------
    def open_class(self, name: str) -> None:
        """Show only ``name``'s images in the grid (through the filter bar's class choice)."""
        combo = self.window.filter_bar.class_combo
        if combo.findText(name) >= 0:
            combo.setCurrentText(name)

    def open_query(self, query_id: int, a: str, b: str) -> None:
        """Compare ``a`` and ``b`` side by side on ``query_id`` (the Compare methods tab)."""
        window = self.window
        selected = [a] if a == b else [a, b]
        window.settings.compare_methods = selected
        window.compare_view.set_available(selected + [s for s in self.available if s not in selected], selected)
        window.tabs.setCurrentWidget(window.compare_view)
        window.query_image(query_id)


def install_analysis_panels(window: WindowHost) -> AnalysisPanels:
    """Add the dashboard and A-vs-B tabs, the Evaluation menu and the report export to ``window``."""
    return AnalysisPanels(window)

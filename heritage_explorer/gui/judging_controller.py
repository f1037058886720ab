"""The judging controller of the window's result views: keys G/O/J/W/X judge the selected result
of the focused view (through :class:`GroundTruthEdits`, undoable), Ctrl+J searches with the
next unjudged query, and the E/M/H line under the results is recomputed in a worker.

The badges and the line are drawn by :mod:`.widgets.judging`; this controller wires them to
the window's project, views and edits (:class:`~.window_host.WindowHost`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.gui.annotation_commands import JUDGMENTS
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.gui.widgets.judging import CLEAR_KEY, JUDGMENT_KEYS, format_judged
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.gui.window_host import WindowHost
from heritage_explorer.gui.workers import Job
from heritage_explorer.pipeline.ground_truth import JudgedEvaluation, evaluate_judged, next_unjudged_query


class JudgingController(QObject):
    """Keys, badges and the E/M/H line of the Results and Compare views of one window."""

    def __init__(self, window: WindowHost):
        super().__init__(window)
        self.window = window
        self.evaluation: JudgedEvaluation | None = None
        self._serial = 0
        self._running = False
        self._again = False
        self._select_first = False
        for container in (window.search_view, window.compare_view):
            bindings = [(key, lambda label=label: self.judge_selected(label)) for key, label in JUDGMENT_KEYS.items()]
            bindings.append((CLEAR_KEY, lambda: self.judge_selected(None)))
            for key, slot in bindings:
                shortcut = QShortcut(QKeySequence(key), container,
                                     context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        window.search_view.model.modelReset.connect(self._results_shown)
        window.compare_view.rows_changed.connect(self.refresh_badges)
        window.edits.changed.connect(self._edited)
        window.query_strip.method_changed.connect(lambda _spec: self.recompute())
        window.project_changed.connect(self._project_changed)

    # -- judging -----------------------------------------------------------------------------------
    def _focused_view(self) -> ThumbnailGrid | None:
        views = [self.window.search_view.view] + [row.view for row in self.window.compare_view.rows]
        focus: QWidget | None = self.window.focusWidget()
        for view in views:
            if focus is not None and (focus is view or view.isAncestorOf(focus)):
                return view
        return self.window.search_view.view if self.window.search_view.isVisible() else None

    def judge_selected(self, label: str | None) -> None:
        """Judge the selected result of the focused result view, then select the next result."""
        view = self._focused_view()
        if view is None:
            return
        # The query of the results shown, not the window's latest query: a newer query's results
        # may still be computing while this view shows the previous ones.
        query = view.model().query_id
        index = view.currentIndex()
        if not index.isValid():
            self.window.show_message(translate("JudgingController", "Select a result first (click it or use "
                                                                    "the arrow keys)."), "info")
            return
        if query is None:
            self.window.show_message(translate("JudgingController", "Only searches with a catalog image can be judged (not an external file)."),
                                     "info")
            return
        result = int(index.data(Roles.ImageId))
        if result == query:
            self.window.show_message(translate("JudgingController", "This is the query itself: judge the "
                                                                    "other results."), "info")
        elif self.window.edits.judge(query, result, label):
            self._select(view, index.row() + 1)

    def _select(self, view: ThumbnailGrid, row: int) -> None:
        model = view.model()
        while row < model.rowCount() and model.image_id_at(row) == model.query_id:
            row += 1
        if row < model.rowCount():
            view.setCurrentIndex(model.index(row))
            view.scrollTo(model.index(row))

    def judge_next_unjudged(self) -> int | None:
        """Search with the next query image (catalog order) that has no judgment yet; its id, or None."""
        window = self.window
        if window.project is None:
            window.show_message(translate("JudgingController", "Open a project first."), "info")
            return None
        current = (window.query or {}).get("image_id")
        query = next_unjudged_query(window.project, current if current is not None and current >= 0 else None)
        if query is None:
            window.show_message(translate("JudgingController", "Every query image has judgments."), "info")
            return None
        window.tabs.setCurrentWidget(window.search_view)
        window.give_room_to_tabs(3 / 5)
        self._select_first = True
        window.query_image(query)
        window.search_view.view.setFocus()
        return query

    def _results_shown(self) -> None:
        self.refresh_badges()
        if self.judged_spec() != (self.evaluation.spec if self.evaluation is not None else None):
            self.recompute()  # the line names the method of the results shown, whatever the Method box says
        if self._select_first and self.window.search_view.model.rowCount():
            self._select_first = False
            self._select(self.window.search_view.view, 0)

    # -- state -------------------------------------------------------------------------------------
    def _query_judgments(self, query: int | None) -> dict[int, str]:
        if self.window.project is None or query is None:
            return {}
        return AnnotationStore(self.window.project.catalog).judgments(query_id=query).get(query, {})

    def refresh_badges(self) -> None:
        """Each result view shows the judgments of the query whose results it holds."""
        models = [self.window.search_view.model] + [row.model for row in self.window.compare_view.rows]
        for model in models:
            model.set_judgments(self._query_judgments(model.query_id))

    def _edited(self, kind: str, where: dict) -> None:
        if kind != JUDGMENTS:
            return
        self.refresh_badges()
        if where.get("query") != (self.window.query or {}).get("image_id"):
            self.window.show_message(translate("JudgingController", "Judgment changed for query {edits} (not "
                                                                    "the one shown).").format(
                edits=self.window.edits.name_of(where.get('query'))), "info")
        self.recompute()

    def _project_changed(self) -> None:
        self._serial += 1  # a run still going on the previous project: its numbers are dropped
        self.evaluation = None
        self.window.search_view.judging_label.setText(translate("JudgingController", "Revisited mAP: computing…"))
        self.recompute()

    def judged_spec(self) -> str | None:
        """The method the E/M/H line is about: that of the results shown, else the Method box's."""
        return self.window.search_view.spec or self.window.session.method or None

    def recompute(self) -> None:
        """E/M/H mAP of the search method over the judged queries, in a worker (one at a time)."""
        if self._running:
            self._again = True
            return
        window = self.window
        spec = self.judged_spec()
        if window.project is None or not spec:
            self.evaluation = None
            window.search_view.judging_label.setText(format_judged(None))
            return
        self._running, self._again = True, False
        self._serial += 1
        serial = self._serial
        job = Job("judged mAP", evaluate_judged, window.project, spec, with_progress=False, with_cancel=False)
        job.signals.ended.connect(self._ended)
        window.runner.start(job, on_finished=lambda result: self._evaluated(serial, result),
                            on_failed=lambda text: serial == self._serial
                            and window.search_view.judging_label.setText(translate("JudgingController", "Revisited mAP: {text}").format(
                                text=error_text(text))))

    def _evaluated(self, serial: int, evaluation: JudgedEvaluation) -> None:
        if serial == self._serial:
            self.evaluation = evaluation
            self.window.search_view.judging_label.setText(format_judged(evaluation))

    def _ended(self) -> None:
        self._running = False
        if self._again:
            self.recompute()

"""Relevance judging in the result views, for the revisited Easy/Medium/Hard protocol.

Radenović et al. (CVPR 2018) judge each (query, image) pair *easy*, *hard*, *junk* or
*wrong*; ``evaluation.metrics.revisited_evaluation`` turns the judgments into E/M/H mAP. Here a
result is judged with one key (good = easy, ok = hard, junk, wrong; see :data:`JUDGMENT_KEYS`),
the label shows as a coloured band on the thumbnail, the judgment is written to the catalog at
once (undoable, through :class:`GroundTruthEdits`), and the E/M/H mAP of the search method over
all judged queries is recomputed in a worker.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.gui.annotation_commands import JUDGMENT_WORDS, JUDGMENTS
from heritage_explorer.gui.delegates.thumbnail import PAD, ThumbnailDelegate
from heritage_explorer.gui.models.thumbnails import ResultItem, ResultsModel, Roles
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.gui.workers import Job
from heritage_explorer.pipeline.ground_truth import JudgedEvaluation, evaluate_judged, next_unjudged_query

if TYPE_CHECKING:
    from heritage_explorer.gui.main_window import MainWindow

#: key -> judgment label stored (revisited protocol); CLEAR_KEY forgets the judgment.
JUDGMENT_KEYS: dict[str, str] = {"G": "easy", "O": "hard", "J": "junk", "W": "wrong"}
CLEAR_KEY = "X"
#: What the band on a thumbnail says, and its colour.
LABEL_TEXT = JUDGMENT_WORDS | {"query": "query"}
LABEL_COLORS = {"easy": QColor("#1b7f3b"), "hard": QColor("#c77700"), "junk": QColor("#6d6d6d"),
                "wrong": QColor("#b3261e"), "query": QColor("#1e5fa8")}
LEGEND = ("Judge the selected result: G good · O ok (hard) · J junk · W wrong · X clear — "
          "then the next result is selected; Ctrl+J judges the next unjudged query.")
JudgmentRole = Qt.ItemDataRole.UserRole + 40


class JudgedResultsModel(ResultsModel):
    """Results of one query with the judgment of each (``JudgmentRole``: label, ``"query"`` or None)."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent, thumbnail_size=thumbnail_size)
        self.query_id: int | None = None
        self.judgments: dict[int, str] = {}

    def set_items(self, items: list[ResultItem], query_id: int | None = None) -> None:
        self.query_id = query_id
        super().set_items(items)

    def set_judgments(self, judgments: dict[int, str]) -> None:
        self.judgments = dict(judgments)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1), [JudgmentRole])

    def _extra(self, row: int, role: int) -> object:
        if role == JudgmentRole:
            image_id = self.items[row].image_id
            return "query" if image_id == self.query_id else self.judgments.get(image_id)
        return super()._extra(row, role)


class JudgmentDelegate(ThumbnailDelegate):
    """The thumbnail cell plus, when judged, a coloured band with the label across the image's foot."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        label = index.data(JudgmentRole)
        if label not in LABEL_COLORS:
            return
        painter.save()
        metrics = QFontMetrics(option.font)
        box = QRect(option.rect.x() + PAD, option.rect.y() + PAD, self.size, self.size)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        target = box  # the image as the base class drew it: centred in the box, at most box-sized
        if isinstance(image, QImage) and not image.isNull():
            width, height = min(image.width(), self.size), min(image.height(), self.size)
            target = QRect(box.x() + (self.size - width) // 2, box.y() + (self.size - height) // 2, width, height)
        band_width = max(target.width(), min(self.size, metrics.horizontalAdvance(LABEL_TEXT[label]) + 10))
        band_height = metrics.height() + 4
        band = QRect(box.center().x() - band_width // 2, target.bottom() + 1 - band_height, band_width, band_height)
        painter.fillRect(band, LABEL_COLORS[label])
        painter.setPen(QColor("white"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, LABEL_TEXT[label])
        painter.restore()


def show_judgments(view: ThumbnailGrid) -> None:
    """Paint judgments in ``view``'s cells (its model must be a :class:`JudgedResultsModel`)."""
    old = view.thumbnail_delegate
    view.thumbnail_delegate = JudgmentDelegate(view, size=old.size, caption_lines=old.caption_lines)
    view.setItemDelegate(view.thumbnail_delegate)
    old.deleteLater()


def format_judged(evaluation: JudgedEvaluation | None) -> str:
    """The one-line E/M/H summary shown under the results."""
    if evaluation is None or evaluation.result is None:
        return "Revisited mAP: no judged query yet."
    values = evaluation.result.map

    def show(setup: str) -> str:
        value = values[setup]
        return "—" if value is None or math.isnan(value) else f"{value:.3f}"

    return (f"Revisited mAP of <b>{evaluation.spec}</b> over {evaluation.n_queries} judged "
            f"quer{'y' if evaluation.n_queries == 1 else 'ies'} ({evaluation.n_judgments} judgments): "
            f"Easy <b>{show('easy')}</b> · Medium <b>{show('medium')}</b> · Hard <b>{show('hard')}</b>")


class JudgingController(QObject):
    """Keys, badges and the E/M/H line of the Results and Compare views of one window."""

    def __init__(self, window: MainWindow):
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
            self.window.show_message("Select a result first (click it or use the arrow keys).", "info")
            return
        if query is None:
            self.window.show_message("Only searches with a catalog image can be judged (not an external file).",
                                     "info")
            return
        result = int(index.data(Roles.ImageId))
        if result == query:
            self.window.show_message("This is the query itself: judge the other results.", "info")
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
            window.show_message("Open a project first.", "info")
            return None
        current = (window.query or {}).get("image_id")
        query = next_unjudged_query(window.project, current if current is not None and current >= 0 else None)
        if query is None:
            window.show_message("Every query image has judgments.", "info")
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
            self.window.show_message(f"Judgment changed for query {self.window.edits.name_of(where.get('query'))} "
                                     "(not the one shown).", "info")
        self.recompute()

    def _project_changed(self) -> None:
        self._serial += 1  # a run still going on the previous project: its numbers are dropped
        self.evaluation = None
        self.window.search_view.judging_label.setText("Revisited mAP: computing…")
        self.recompute()

    def judged_spec(self) -> str | None:
        """The method the E/M/H line is about: that of the results shown, else the Method box's."""
        return self.window.search_view.spec or self.window.query_strip.method or None

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
                            and window.search_view.judging_label.setText(f"Revisited mAP: {text}"))

    def _evaluated(self, serial: int, evaluation: JudgedEvaluation) -> None:
        if serial == self._serial:
            self.evaluation = evaluation
            self.window.search_view.judging_label.setText(format_judged(evaluation))

    def _ended(self) -> None:
        self._running = False
        if self._again:
            self.recompute()

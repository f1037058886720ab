"""Relevance judging in the result views, for the revisited Easy/Medium/Hard protocol: the judged
results model, the badges and the E/M/H line (the keys and the worker: ``gui/judging_controller.py``).

Radenović et al. (CVPR 2018) judge each (query, image) pair *easy*, *hard*, *junk* or
*wrong*; ``evaluation.metrics.revisited_evaluation`` turns the judgments into E/M/H mAP. Here a
result is judged with one key (good = easy, ok = hard, junk, wrong; see :data:`JUDGMENT_KEYS`),
the label shows as a coloured band on the thumbnail, the judgment is written to the catalog at
once (undoable, through :class:`GroundTruthEdits`), and the E/M/H mAP of the search method over
all judged queries is recomputed in a worker.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from heritage_explorer.gui.annotation_commands import JUDGMENT_WORDS
from heritage_explorer.gui.delegates.thumbnail import PAD, ThumbnailDelegate
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.models.thumbnails import ResultItem, ResultsModel
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.pipeline.ground_truth import JudgedEvaluation

#: key -> judgment label stored (revisited protocol); CLEAR_KEY forgets the judgment.
JUDGMENT_KEYS: dict[str, str] = {"G": "easy", "O": "hard", "J": "junk", "W": "wrong"}
CLEAR_KEY = "X"
#: What the band on a thumbnail says, and its colour.
LABEL_TEXT = JUDGMENT_WORDS | {"query": QT_TRANSLATE_NOOP("AnnotationCommands", "query")}  # shown translated
LABEL_COLORS = {"easy": QColor("#1b7f3b"), "hard": QColor("#c77700"), "junk": QColor("#6d6d6d"),
                "wrong": QColor("#b3261e"), "query": QColor("#1e5fa8")}
LEGEND = QT_TRANSLATE_NOOP("Judging", "Judge the selected result: G good · O ok (hard) · J junk · W wrong · X clear — "
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
        text = translate("AnnotationCommands", LABEL_TEXT[label])
        band_width = max(target.width(), min(self.size, metrics.horizontalAdvance(text) + 10))
        band_height = metrics.height() + 4
        band = QRect(box.center().x() - band_width // 2, target.bottom() + 1 - band_height, band_width, band_height)
        painter.fillRect(band, LABEL_COLORS[label])
        painter.setPen(QColor("white"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, text)
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
        return translate("Judging", "Revisited mAP: no judged query yet.")
    values = evaluation.result.map

    def show(setup: str) -> str:
        value = values[setup]
        return "—" if value is None or math.isnan(value) else f"{value:.3f}"

    text = (translate("Judging", "Revisited mAP of <b>{spec}</b> over {count} judged query ({judgments} judgments): "
                      "Easy <b>{easy}</b> · Medium <b>{medium}</b> · Hard <b>{hard}</b>")
            if evaluation.n_queries == 1 else
            translate("Judging", "Revisited mAP of <b>{spec}</b> over {count} judged queries ({judgments} judgments): "
                      "Easy <b>{easy}</b> · Medium <b>{medium}</b> · Hard <b>{hard}</b>"))
    return text.format(spec=evaluation.spec, count=evaluation.n_queries, judgments=evaluation.n_judgments,
                       easy=show("easy"), medium=show("medium"), hard=show("hard"))

"""Small interactive plots painted with QPainter: the correlation heatmap here, the scatter plot in
:mod:`.scatter_plot`, and what they share (:class:`PickingWidget`: clicks and tooltips on what
was drawn under the pointer; the colour scales).

Both know where they drew each cell or point (:meth:`HeatmapWidget.cell_rect`,
:meth:`ScatterWidget.point_position`), so a click maps back to the data it hit and a test can
click exactly on a cell or a point. Colours follow the report's figures (``evaluation/reports.py``):
the heatmap uses matplotlib's RdYlGn scale from −1 (red) to +1 (green).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.vocabulary import row_name

# matplotlib's RdYlGn at −1, −0.5, 0, 0.5, 1
_DIVERGING = ((-1.0, (165, 0, 38)), (-0.5, (244, 109, 67)), (0.0, (255, 255, 191)), (0.5, (102, 189, 99)),
              (1.0, (0, 104, 55)))
UNDEFINED_COLOUR = QColor("#dddddd")
SELECTION_PEN = QColor("#1f4e9c")


def diverging_colour(value: float) -> QColor:
    """The heatmap colour of a correlation in [−1, 1]; grey when undefined (NaN)."""
    if value is None or not math.isfinite(value):
        return QColor(UNDEFINED_COLOUR)
    value = min(max(value, -1.0), 1.0)
    for (v0, c0), (v1, c1) in zip(_DIVERGING, _DIVERGING[1:], strict=False):
        if value <= v1:
            t = (value - v0) / (v1 - v0)
            return QColor(*(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True)))
    return QColor(*_DIVERGING[-1][1])


def text_colour_on(background: QColor) -> QColor:
    return QColor("#000000") if background.lightnessF() > 0.55 else QColor("#ffffff")


def spread_ties(values: Sequence[float], width: float) -> list[float]:
    """Offsets within ``±width/2`` for points sharing the same value, so none hides another (0 if alone)."""
    groups: dict[float, list[int]] = {}
    for i, v in enumerate(values):
        groups.setdefault(v, []).append(i)
    offsets = [0.0] * len(values)
    for members in groups.values():
        if len(members) > 1:
            for k, i in enumerate(members):
                offsets[i] = -width / 2 + width * k / (len(members) - 1)
    return offsets


class PickingWidget(QWidget):
    """A plot whose items answer clicks and hover tooltips: subclasses say what is at a position."""

    def _hit(self, pos: QPointF) -> object | None:
        raise NotImplementedError

    def _tooltip(self, hit: object) -> str:
        raise NotImplementedError

    def _activate(self, hit: object) -> None:
        raise NotImplementedError

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        hit = self._hit(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if hit is None:
            super().mousePressEvent(event)
        else:
            self._activate(hit)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._hit(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(hit), self)
            return True
        return super().event(event)


class HeatmapWidget(PickingWidget):
    """Rows × columns of values in [−1, 1]; ``cell_clicked(row, column)`` on a click in a cell."""

    cell_clicked = Signal(str, str)
    MIN_CELL = QSize(44, 16)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: tuple[str, ...] = ()
        self.columns: tuple[str, ...] = ()
        self.values: dict[str, dict[str, float]] = {}
        self.selected: tuple[str, str] | None = None
        self.placeholder = translate("Plots", "No correlation: annotate the variations of some classes first.")
        self.setMouseTracking(True)
        self.setMinimumSize(240, 200)

    def set_values(self, rows: Sequence[str], columns: Sequence[str], values: Mapping[str, Mapping[str, float]]) -> None:
        self.rows, self.columns = tuple(rows), tuple(columns)
        self.values = {r: dict(values[r]) for r in rows}
        if self.selected is not None and (self.selected[0] not in self.rows or self.selected[1] not in self.columns):
            self.selected = None
        self.update()

    def clear(self, placeholder: str | None = None) -> None:
        if placeholder is not None:
            self.placeholder = placeholder
        self.set_values((), (), {})

    def select(self, row: str | None, column: str | None = None) -> None:
        self.selected = None if row is None or column is None else (row, column)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(160 + 70 * max(len(self.columns), 2), 40 + 20 * max(len(self.rows), 12))

    # -- geometry ------------------------------------------------------------------------------
    def _margins(self) -> tuple[float, float, float, float]:
        metrics = QFontMetrics(self.font())
        left = max((metrics.horizontalAdvance(row_name(r)) for r in self.rows), default=0) + 12
        return left, metrics.height() + 10, 46.0, 6.0  # left, top, right (colour bar), bottom

    def cell_rect(self, row: int, column: int) -> QRectF:
        left, top, right, bottom = self._margins()
        width = max((self.width() - left - right) / max(len(self.columns), 1), 1.0)
        height = max((self.height() - top - bottom) / max(len(self.rows), 1), 1.0)
        return QRectF(left + column * width, top + row * height, width, height)

    def cell_at(self, pos: QPointF) -> tuple[str, str] | None:
        for i, row in enumerate(self.rows):
            for j, column in enumerate(self.columns):
                if self.cell_rect(i, j).contains(pos):
                    return row, column
        return None

    # -- events --------------------------------------------------------------------------------
    def _hit(self, pos: QPointF) -> tuple[str, str] | None:
        return self.cell_at(pos)

    def _tooltip(self, hit: tuple[str, str]) -> str:
        value = self.values[hit[0]][hit[1]]
        r = translate("Plots", "undefined (a constant series)") if not math.isfinite(value) else f"{value:+.3f}"
        return translate("Plots", "{row} × {column}: Pearson r = {r}\nclick: scatter of the classes").format(
            row=row_name(hit[0]), column=hit[1], r=r)

    def _activate(self, hit: tuple[str, str]) -> None:
        self.select(*hit)
        self.cell_clicked.emit(*hit)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette_text = self.palette().windowText().color()
        if not self.rows or not self.columns:
            painter.setPen(palette_text)
            painter.drawText(QRectF(self.rect()).adjusted(8, 8, -8, -8),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        metrics = QFontMetrics(self.font())
        left, top, right, _bottom = self._margins()
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        for j, column in enumerate(self.columns):
            rect = self.cell_rect(0, j)
            label = metrics.elidedText(column, Qt.TextElideMode.ElideMiddle, int(rect.width()) - 2)
            painter.setPen(palette_text)
            painter.drawText(QRectF(rect.x(), 2, rect.width(), top - 4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, label)
        for i, row in enumerate(self.rows):
            rect = self.cell_rect(i, 0)
            painter.setPen(palette_text)
            painter.drawText(QRectF(2, rect.y(), left - 8, rect.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, row_name(row))
            for j, column in enumerate(self.columns):
                cell = self.cell_rect(i, j)
                value = self.values[row][column]
                background = diverging_colour(value)
                painter.fillRect(cell.adjusted(0.5, 0.5, -0.5, -0.5), background)
                painter.setPen(text_colour_on(background))
                painter.setFont(small)
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, "–" if not math.isfinite(value) else f"{value:+.2f}")
                painter.setFont(self.font())
        if self.selected is not None:
            i, j = self.rows.index(self.selected[0]), self.columns.index(self.selected[1])
            painter.setPen(QPen(SELECTION_PEN, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(i, j).adjusted(1.5, 1.5, -1.5, -1.5))
        self._paint_colour_bar(painter, top, right, small)

    def _paint_colour_bar(self, painter: QPainter, top: float, right: float, font: QFont) -> None:
        bottom_cell = self.cell_rect(len(self.rows) - 1, 0)
        y0, y1 = top, bottom_cell.bottom()
        x = self.width() - right + 8
        steps = 40
        for k in range(steps):
            value = 1.0 - 2.0 * (k + 0.5) / steps
            painter.fillRect(QRectF(x, y0 + (y1 - y0) * k / steps, 10, (y1 - y0) / steps + 0.5), diverging_colour(value))
        painter.setPen(self.palette().windowText().color())
        painter.setFont(font)
        for value, y in ((1.0, y0), (0.0, (y0 + y1) / 2), (-1.0, y1)):
            painter.drawText(QRectF(x + 12, y - 8, right - 20, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{value:+g}" if value else "0")

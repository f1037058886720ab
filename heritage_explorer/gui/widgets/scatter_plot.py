"""The scatter plot of the dashboard and of "where A beats B" (one point per class or per query),
painted with QPainter; it knows where it drew each point (:meth:`ScatterWidget.point_position`),
so a click maps back to the point it hit.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from heritage_explorer.gui.widgets.plots import SELECTION_PEN, PickingWidget, spread_ties


@dataclass(frozen=True)
class ScatterPoint:
    """A point of a scatter plot; ``key`` is what a click on it reports."""

    key: Hashable
    x: float
    y: float
    label: str
    colour: str = "#1f77b4"


class ScatterWidget(PickingWidget):
    """Points over fixed axis ranges, optional diagonal; ``point_clicked(key)`` on a click near a point."""

    point_clicked = Signal(object)
    PICK_RADIUS = 8.0
    POINT_RADIUS = 4.0
    MARGINS = (52.0, 26.0, 14.0, 40.0)  # left, top, right, bottom

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[ScatterPoint] = []
        self.offsets: list[float] = []  # horizontal display offsets (data units) of tied x values
        self.title = ""
        self.x_label = self.y_label = ""
        self.x_range = self.y_range = (0.0, 1.0)
        self.x_ticks: Sequence[float] | None = None
        self.diagonal = False
        self.square = False
        self.labels = False
        self.highlighted: Hashable | None = None
        self.placeholder = ""
        self.setMouseTracking(True)
        self.setMinimumSize(220, 200)

    def set_points(
        self, points: Sequence[ScatterPoint], *, title: str = "", x_label: str = "", y_label: str = "",
        x_range: tuple[float, float] = (0.0, 1.0), y_range: tuple[float, float] = (0.0, 1.0),
        x_ticks: Sequence[float] | None = None, diagonal: bool = False, spread: float = 0.0,
        square: bool = False, labels: bool = False,
    ) -> None:
        """Show ``points``; ``spread`` (data units) fans out points that share an x value (integer scores);
        ``square`` keeps both axes the same length (AP against AP); ``labels`` writes each point's key
        beside it where it does not overlap another label."""
        self.points = list(points)
        self.offsets = spread_ties([p.x for p in self.points], spread) if spread else [0.0] * len(self.points)
        self.title, self.x_label, self.y_label = title, x_label, y_label
        self.x_range, self.y_range, self.x_ticks, self.diagonal = x_range, y_range, x_ticks, diagonal
        self.square, self.labels = square, labels
        if self.highlighted not in {p.key for p in self.points}:
            self.highlighted = None
        self.update()

    def clear(self, placeholder: str = "") -> None:
        self.placeholder = placeholder
        self.set_points([])
        self.title = ""

    def highlight(self, key: Hashable | None) -> None:
        self.highlighted = key
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(360, 320)

    # -- geometry ------------------------------------------------------------------------------
    def plot_rect(self) -> QRectF:
        left, top, right, bottom = self.MARGINS
        width, height = max(self.width() - left - right, 10), max(self.height() - top - bottom, 10)
        if self.square:
            side = min(width, height)
            return QRectF(left + (width - side) / 2, top, side, side)
        return QRectF(left, top, width, height)

    def to_widget(self, x: float, y: float) -> QPointF:
        rect = self.plot_rect()
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return QPointF(rect.left() + (x - x0) / (x1 - x0) * rect.width(),
                       rect.bottom() - (y - y0) / (y1 - y0) * rect.height())

    def point_position(self, key: Hashable) -> QPointF:
        """Where the point ``key`` is drawn, in widget coordinates."""
        for point, offset in zip(self.points, self.offsets, strict=True):
            if point.key == key:
                return self.to_widget(point.x + offset, point.y)
        raise KeyError(key)

    def point_at(self, pos: QPointF) -> Hashable | None:
        """The key of the point nearest to ``pos`` within :attr:`PICK_RADIUS` pixels, else None."""
        best, best_distance = None, self.PICK_RADIUS
        for point, offset in zip(self.points, self.offsets, strict=True):
            where = self.to_widget(point.x + offset, point.y)
            distance = math.hypot(where.x() - pos.x(), where.y() - pos.y())
            if distance <= best_distance:
                best, best_distance = point.key, distance
        return best

    # -- events --------------------------------------------------------------------------------
    def _hit(self, pos: QPointF) -> Hashable | None:
        return self.point_at(pos)

    def _tooltip(self, hit: Hashable) -> str:
        return next(p.label for p in self.points if p.key == hit)

    def _activate(self, hit: Hashable) -> None:
        self.highlight(hit)
        self.point_clicked.emit(hit)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        if not self.points:
            painter.setPen(text)
            painter.drawText(QRectF(self.rect()).adjusted(8, 8, -8, -8),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        rect = self.plot_rect()
        painter.fillRect(rect, QColor("#ffffff"))
        self._paint_axes(painter, rect, text)
        if self.diagonal:
            painter.setPen(QPen(QColor("#999999"), 1))
            low, high = max(self.x_range[0], self.y_range[0]), min(self.x_range[1], self.y_range[1])
            painter.drawLine(self.to_widget(low, low), self.to_widget(high, high))
        painter.setClipRect(rect.adjusted(-self.POINT_RADIUS, -self.POINT_RADIUS, self.POINT_RADIUS, self.POINT_RADIUS))
        for point, offset in zip(self.points, self.offsets, strict=True):
            colour = QColor(point.colour)
            colour.setAlphaF(0.75)
            painter.setPen(QPen(colour.darker(130), 1))
            painter.setBrush(colour)
            painter.drawEllipse(self.to_widget(point.x + offset, point.y), self.POINT_RADIUS, self.POINT_RADIUS)
        painter.setClipping(False)
        if self.labels:
            self._paint_labels(painter, text, rect)
        if self.highlighted is not None:
            where = self.point_position(self.highlighted)
            painter.setPen(QPen(SELECTION_PEN, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(where, self.POINT_RADIUS + 4, self.POINT_RADIUS + 4)

    def _paint_labels(self, painter: QPainter, text: QColor, rect: QRectF) -> None:
        """Each point's key beside it (the highlighted one first): right, left, below or above,
        the first place inside the widget that overlaps no other label; skipped if none is free."""
        metrics = QFontMetrics(self.font())
        bounds = QRectF(self.rect())
        gap = self.POINT_RADIUS + 8  # clear of the highlight ring (radius + 4, 2 px pen)
        order = sorted(range(len(self.points)), key=lambda i: self.points[i].key != self.highlighted)
        taken: list[QRectF] = []
        painter.setPen(text)
        for i in order:
            point = self.points[i]
            where = self.to_widget(point.x + self.offsets[i], point.y)
            label = str(point.key)
            width, height = metrics.horizontalAdvance(label) + 2, metrics.height()
            candidates = (
                QRectF(where.x() + gap, where.y() - height / 2, width, height),
                QRectF(where.x() - gap - width, where.y() - height / 2, width, height),
                QRectF(where.x() - width / 2, where.y() + gap, width, height),
                QRectF(where.x() - width / 2, where.y() - gap - height, width, height),
            )
            for box in candidates:
                if bounds.contains(box) and not any(box.intersects(other) for other in taken):
                    taken.append(box)
                    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                    break

    def _paint_axes(self, painter: QPainter, rect: QRectF, text: QColor) -> None:
        painter.setPen(QPen(QColor("#888888"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.setPen(text)
        x_ticks = self.x_ticks if self.x_ticks is not None else _ticks(*self.x_range)
        for value in x_ticks:
            at = self.to_widget(value, self.y_range[0])
            painter.drawLine(at, at + QPointF(0, 4))
            painter.drawText(QRectF(at.x() - 30, at.y() + 5, 60, 16), Qt.AlignmentFlag.AlignHCenter, f"{value:g}")
        for value in _ticks(*self.y_range):
            at = self.to_widget(self.x_range[0], value)
            painter.drawLine(at, at - QPointF(4, 0))
            painter.drawText(QRectF(at.x() - 48, at.y() - 8, 42, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:g}")
        painter.drawText(QRectF(rect.left(), rect.bottom() + 20, rect.width(), 18), Qt.AlignmentFlag.AlignHCenter,
                         self.x_label)
        painter.save()
        painter.translate(max(rect.left() - 42, 12), rect.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-rect.height() / 2, -8, rect.height(), 18), Qt.AlignmentFlag.AlignHCenter, self.y_label)
        painter.restore()
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        metrics = QFontMetrics(bold)
        painter.drawText(QRectF(4, 2, self.width() - 8, 20), Qt.AlignmentFlag.AlignHCenter,
                         metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, self.width() - 8))
        painter.setFont(self.font())


def _ticks(low: float, high: float) -> list[float]:
    """Three to six round tick values between ``low`` and ``high``."""
    span = high - low
    if span <= 0:
        return [low]
    step = 10 ** math.floor(math.log10(span / 5))
    for factor in (1, 2, 5, 10):
        if span / (step * factor) <= 6:
            step *= factor
            break
    first = math.ceil(low / step - 1e-9) * step
    return [round(first + k * step, 10) for k in range(int((high - first) / step + 1e-9) + 1)]

"""The thumbnail cell: image (or placeholder), found region box, class frame, rank/score badge, caption."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from heritage_explorer.gui.models.thumbnails import Roles

PAD = 6
FRAME_WIDTH = 4
#: Frame of a result: same class as the query, another class, or distractor / unknown class.
FRAME_COLORS = {"same": QColor("#2e9d43"), "other": QColor("#d0312d"), "unknown": QColor("#9a9a9a")}
HIGHLIGHT_COLOR = QColor("#1e88e5")
REGION_COLOR = QColor("#ffcc00")  # where a region query found its region (the viewer's region colour)
PLACEHOLDER_COLOR = QColor("#e4e4e4")
BROKEN_COLOR = QColor("#f3d6d6")
BREAKS = ("_", "-", ".", " ")  # where a caption too long for one line is best broken


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints one image cell of a grid or of a result row; all cells have the same size."""

    def __init__(self, parent: QWidget | None = None, *, size: int = 128, caption_lines: int = 1):
        super().__init__(parent)
        self.size = size
        self.caption_lines = caption_lines

    def set_size(self, size: int) -> None:
        self.size = size
        self.sizeHintChanged.emit(QModelIndex())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        text_height = QFontMetrics(option.font).height() * self.caption_lines
        return QSize(self.size + 2 * PAD, self.size + 2 * PAD + text_height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, option.palette.highlight().color().lighter(160))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, option.palette.alternateBase())
        box = QRect(rect.x() + PAD, rect.y() + PAD, self.size, self.size)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(image, QImage) and not image.isNull():
            width, height = min(image.width(), self.size), min(image.height(), self.size)
            target = QRect(box.x() + (self.size - width) // 2, box.y() + (self.size - height) // 2, width, height)
            painter.drawImage(target, image)
            self._region(painter, target, index.data(Roles.RegionBox), index.data(Roles.ImageSize))
        else:
            target = box
            failure = index.data(Roles.Failure)
            painter.fillRect(box, BROKEN_COLOR if failure else PLACEHOLDER_COLOR)
            if failure:
                painter.setPen(QColor("#8a2b2b"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, "unreadable")
        relation = index.data(Roles.Relation)
        if relation in FRAME_COLORS:
            self._outline(painter, target.adjusted(-2, -2, 2, 2), FRAME_COLORS[relation])
        if index.data(Roles.Highlight):
            self._outline(painter, box.adjusted(-PAD + 2, -PAD + 2, PAD - 2, PAD - 2), HIGHLIGHT_COLOR)
        badge = index.data(Roles.Badge)
        if badge:
            self._badge(painter, target, str(badge), option)
        self._caption(painter, rect, box, option, str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        painter.restore()

    @staticmethod
    def _region(painter: QPainter, target: QRect, box, size) -> None:
        """The found region's box, scaled from the original image (``size``) to the drawn thumbnail."""
        rect = region_rect(target, box, size)
        if rect is None:
            return
        painter.setPen(QPen(QColor(0, 0, 0, 160), 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.setPen(QPen(REGION_COLOR, 2))
        painter.drawRect(rect)

    @staticmethod
    def _outline(painter: QPainter, rect: QRect, color: QColor) -> None:
        pen = QPen(color, FRAME_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

    @staticmethod
    def _badge(painter: QPainter, target: QRect, text: str, option: QStyleOptionViewItem) -> None:
        metrics = QFontMetrics(option.font)
        width = metrics.horizontalAdvance(text) + 8
        badge = QRect(target.x(), target.y(), min(width, target.width()), metrics.height() + 2)
        painter.fillRect(badge, QColor(0, 0, 0, 170))
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    def _caption(self, painter: QPainter, rect: QRect, box: QRect, option: QStyleOptionViewItem, text: str) -> None:
        if self.caption_lines <= 0 or not text:
            return
        metrics = QFontMetrics(option.font)
        area = QRect(rect.x() + 2, box.bottom() + PAD // 2, rect.width() - 4, metrics.height() * self.caption_lines)
        painter.setPen(option.palette.text().color())
        painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         "\n".join(caption_lines(text, metrics, area.width(), self.caption_lines)))


def caption_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """``text`` on at most ``lines`` lines of ``width`` pixels: whole when it fits, broken across the
    lines when one is not enough (after a ``_``, ``-``, ``.`` or space when the rest still fits),
    and elided in the middle (the extension kept) only when even the last line has no
    room for the rest."""
    rest, shown = text, []
    while len(shown) < lines - 1 and metrics.horizontalAdvance(rest) > width:
        low, high = 1, len(rest)  # the longest prefix that fits (at least one character)
        while low < high:
            middle = (low + high + 1) // 2
            if metrics.horizontalAdvance(rest[:middle]) <= width:
                low = middle
            else:
                high = middle - 1
        left = lines - len(shown) - 1  # lines after this one
        cuts = sorted({i + 1 for i, char in enumerate(rest[:low]) if char in BREAKS and i + 1 < low}, reverse=True)
        # after a separator (``camera_`` / ``brightness.jpg``) when the rest still fits the lines left
        low = next((cut for cut in cuts if metrics.horizontalAdvance(rest[cut:]) <= width * left), low)
        shown.append(rest[:low])
        rest = rest[low:]
    return [*shown, metrics.elidedText(rest, Qt.TextElideMode.ElideMiddle, width)]


def region_rect(target: QRect, box, size: tuple[int, int] | None) -> QRectF | None:
    """Where ``box`` (original pixels of an image of ``size``) falls on the thumbnail drawn in ``target``."""
    if box is None or not size or not size[0] or not size[1]:
        return None
    sx, sy = target.width() / size[0], target.height() / size[1]
    return QRectF(target.x() + box.x * sx, target.y() + box.y * sy, box.w * sx, box.h * sy)

"""The table model of an adaptation's mined pairs (issue #19 part 1): both thumbnails, file names,
inliers, kind, spread and similarity, one row per pair of the pairs file.

Thumbnails come from the window's :class:`~heritage_explorer.gui.thumbnail_loader.ThumbnailLoader`,
asked only from ``data(DecorationRole)``, i.e. for the cells being painted: hundreds of pairs cost
the decodes of the rows on screen. A thumbnail that arrives repaints the rows showing its image,
in one batch per event-loop turn (as :class:`~.thumbnails.ImageListModel` does). Sorting and the
kind filter are :class:`MinedPairsProxy`'s (numbers sort as numbers: :data:`SORT_ROLE`).
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.thumbnail_repaint import ShowsThumbnails
from heritage_explorer.pipeline.adapt_pairs import MinedPairs, PairImage, PairRecord

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # numbers as numbers, names as lower-case text
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # the pair's kind as the file spells it (positive, unspread, negative)
KIND_LABELS = {
    "positive": QT_TRANSLATE_NOOP("MinedPairs", "verified positive"),
    "unspread": QT_TRANSLATE_NOOP("MinedPairs", "inliers in a small area"),
    "negative": QT_TRANSLATE_NOOP("MinedPairs", "hard negative"),
}
KIND_TIPS = {
    "positive": QT_TRANSLATE_NOOP("MinedPairs", "Enough inliers spread over both images: a positive pair the "
                                                "adaptation learns from"),
    "unspread": QT_TRANSLATE_NOOP("MinedPairs", "Enough inliers, but packed in a small part of an image (a logo, "
                                                "a watermark): not used"),
    "negative": QT_TRANSLATE_NOOP("MinedPairs", "Near neighbours by the base descriptor that the local matching "
                                                "did not verify"),
}
KIND_COLOURS = {"positive": QColor("#1b7f3b"), "unspread": QColor("#8a6d00"), "negative": QColor("#b3261e")}
HEADERS = (QT_TRANSLATE_NOOP("MinedPairs", "Image A"), QT_TRANSLATE_NOOP("MinedPairs", "Image B"),
           QT_TRANSLATE_NOOP("MinedPairs", "Inliers"), QT_TRANSLATE_NOOP("MinedPairs", "Kind"),
           QT_TRANSLATE_NOOP("MinedPairs", "Spread"), QT_TRANSLATE_NOOP("MinedPairs", "Similarity"))


class Column(IntEnum):
    IMAGE_A = 0
    IMAGE_B = 1
    INLIERS = 2
    KIND = 3
    SPREAD = 4
    SIMILARITY = 5


def kind_label(kind: str) -> str:
    return translate("MinedPairs", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


class MinedPairsModel(QAbstractTableModel, ShowsThumbnails):
    """The pairs of one :class:`~heritage_explorer.pipeline.adapt_pairs.MinedPairs`, in file order."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 96):
        super().__init__(parent)
        self.thumbnail_size = thumbnail_size
        self.sample: MinedPairs | None = None
        self.pairs: list[PairRecord] = []
        self._rows_of: dict[int, list[int]] = {}
        self._listen_for_thumbnails(self._repaint)

    def set_pairs(self, sample: MinedPairs | None) -> None:
        self.beginResetModel()
        self.sample = sample
        self.pairs = list(sample.file.pairs) if sample is not None else []
        self._rows_of = {}
        for row, pair in enumerate(self.pairs):
            for image_id in {pair.a, pair.b}:
                self._rows_of.setdefault(image_id, []).append(row)
        self.endResetModel()

    def pair_at(self, row: int) -> PairRecord:
        return self.pairs[row]

    def image(self, image_id: int) -> PairImage | None:
        return None if self.sample is None else self.sample.images.get(image_id)

    # -- Qt ----------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return translate("MinedPairs", HEADERS[section])
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        pair, column = self.pairs[index.row()], Column(index.column())
        if column in (Column.IMAGE_A, Column.IMAGE_B):
            return self._image_data(pair.a if column == Column.IMAGE_A else pair.b, role)
        if role == KIND_ROLE:
            return pair.kind
        if column == Column.KIND:
            if role == Qt.ItemDataRole.DisplayRole:
                return kind_label(pair.kind)
            if role == SORT_ROLE:
                return pair.kind
            if role == Qt.ItemDataRole.ForegroundRole and pair.kind in KIND_COLOURS:
                return QBrush(KIND_COLOURS[pair.kind])
            if role == Qt.ItemDataRole.ToolTipRole and pair.kind in KIND_TIPS:
                return translate("MinedPairs", KIND_TIPS[pair.kind])
            return None
        value = {Column.INLIERS: pair.inliers, Column.SPREAD: pair.spread, Column.SIMILARITY: pair.similarity}[column]
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value) if column == Column.INLIERS else (
                f"{value:.1%}" if column == Column.SPREAD else f"{value:.3f}")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.SPREAD:
            return translate("MinedPairs", "The smaller of the two fractions of an image that the inliers' "
                                           "bounding box covers")
        return None

    def _image_data(self, image_id: int, role: int) -> object:
        image = self.image(image_id)
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            name = image.name if image is not None else f"#{image_id}"
            return name if role == Qt.ItemDataRole.DisplayRole else name.lower()
        if image is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if self.loader is None or image.abspath is None:
                return None
            return self.loader.get(image_id, image.abspath, image.sha256, self.thumbnail_size)
        if role == Qt.ItemDataRole.ToolTipRole:
            if image.abspath is None:
                return translate("MinedPairs", "image {id}: no longer in the catalog").format(id=image_id)
            failure = self.loader.failure(image_id) if self.loader is not None else None
            lines = [str(image.abspath), translate("MinedPairs", "class: {group}").format(group=image.group)
                     if image.group else translate("MinedPairs", "no class")]
            if failure:
                lines.append(translate("MinedPairs", "unreadable: {reason}").format(reason=error_text(failure)))
            return "\n".join(lines)
        return None

    def _repaint(self, image_ids: set[int]) -> None:
        roles = [Qt.ItemDataRole.DecorationRole]
        for image_id in image_ids:
            for row in self._rows_of.get(image_id, ()):
                self.dataChanged.emit(self.index(row, Column.IMAGE_A), self.index(row, Column.IMAGE_B), roles)


class MinedPairsProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE` and shows the pairs of one kind (``""``: all)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.kind = ""
        self.setSortRole(SORT_ROLE)

    def set_kind(self, kind: str) -> None:
        if kind != self.kind:
            self.beginFilterChange()  # Qt 6.10: invalidateFilter() is deprecated
            self.kind = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 (Qt's name)
        if not self.kind:
            return True
        model = self.sourceModel()
        return model.index(source_row, Column.KIND, source_parent).data(KIND_ROLE) == self.kind

"""List models of images whose thumbnails load lazily: the whole catalog, and a list of results.

``data(DecorationRole)`` is only called for the cells being painted, so only visible images are
ever queued for decoding; when a thumbnail arrives, the rows showing it are repainted in one
batch per event-loop turn. The catalog model reads the catalog a page at a time through its
indexed queries (the FTS filter included), so a million-row catalog opens as fast as a small one.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from heritage_explorer.core.catalog import DISTRACTOR, Catalog
from heritage_explorer.core.catalog_search import ANY_GROUP, NO_GROUP, ImageFilter, ThumbnailRow
from heritage_explorer.core.regions import Box
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.thumbnail_repaint import ShowsThumbnails

#: the class filter's two entries that are not labels (shown translated; either spelling filters)
ALL_CLASSES = QT_TRANSLATE_NOOP("CatalogModel", "All classes")
NO_CLASS = QT_TRANSLATE_NOOP("CatalogModel", "(no class)")

_Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    ImageId = Qt.ItemDataRole.UserRole + 1
    Group = Qt.ItemDataRole.UserRole + 2
    Failure = Qt.ItemDataRole.UserRole + 3  # why the image has no thumbnail, or None
    Relation = Qt.ItemDataRole.UserRole + 4  # "same" | "other" | "unknown" | None (no frame)
    Badge = Qt.ItemDataRole.UserRole + 5  # "#3  0.812"
    Highlight = Qt.ItemDataRole.UserRole + 6  # bool: hovered in another comparison row
    AbsPath = Qt.ItemDataRole.UserRole + 7
    RegionBox = Qt.ItemDataRole.UserRole + 8  # core.regions.Box where a region query found its region, or None
    ImageSize = Qt.ItemDataRole.UserRole + 9  # (width, height) of the original image the box is in, or None


class ImageListModel(QAbstractListModel, ShowsThumbnails):
    """Base model: subclasses say which image each row shows; thumbnails come from the loader."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent)
        self.thumbnail_size = thumbnail_size
        self._listen_for_thumbnails(self._repaint)

    def set_thumbnail_size(self, size: int) -> None:
        self.thumbnail_size = size
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    # -- what subclasses provide -------------------------------------------------------------------
    def image_id_at(self, row: int) -> int:
        raise NotImplementedError

    def _source(self, row: int) -> tuple[str, str | None]:
        """(absolute path, content hash) of the image at ``row``."""
        raise NotImplementedError

    def rows_of(self, image_id: int) -> list[int]:
        raise NotImplementedError

    def _caption(self, row: int) -> str:
        return os.path.basename(self._source(row)[0])

    def _group(self, row: int) -> str | None:
        return None

    def _extra(self, row: int, role: int) -> object:
        return None

    def _catalog_failure(self, row: int) -> str | None:
        """Why the catalog says the image cannot be used (``Catalog.problems``), or None."""
        return None

    def _failure(self, row: int) -> str | None:
        """Why the image has no thumbnail: the catalog's reason first (the one import and extraction
        report), else the thumbnail decoder's (a file damaged since it was imported)."""
        known = self._catalog_failure(row)
        if known is not None or self.loader is None:
            return known
        return self.loader.failure(self.image_id_at(row))

    # -- Qt ----------------------------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DecorationRole:
            if self.loader is None or self._catalog_failure(row) is not None:
                return None
            path, sha = self._source(row)
            return self.loader.get(self.image_id_at(row), Path(path), sha, self.thumbnail_size)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._caption(row)
        if role == Roles.ImageId:
            return self.image_id_at(row)
        if role == Roles.Group:
            return self._group(row)
        if role == Roles.AbsPath:
            return self._source(row)[0]
        if role == Roles.Failure:
            return self._failure(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            path = self._source(row)[0]
            group = self._group(row)
            failure = self._failure(row)
            lines = [path, translate("CatalogModel", "class: {group}").format(group=group) if group
                     else translate("CatalogModel", "no class")]
            if failure:
                lines.append(translate("CatalogModel", "unreadable: {reason}").format(reason=error_text(failure)))
            return "\n".join(lines)
        return self._extra(row, role)

    def _repaint(self, image_ids: set[int]) -> None:
        roles = [Qt.ItemDataRole.DecorationRole]
        for image_id in image_ids:
            for row in self.rows_of(image_id):
                index = self.index(row)
                self.dataChanged.emit(index, index, roles)


PAGE = 500  # rows read at a time: the first screen, then one more page as the view nears the end (1M rows:
# a page of the slowest filter, a common word within a class, takes ~35 ms, under the 50 ms stall budget)


@dataclass
class CatalogPage:
    """What the grid shows first of a catalog: the first page of rows, the counts, the class labels."""

    rows: list[ThumbnailRow]
    matching: int
    total: int
    labels: list[str | None]
    unusable: dict[int, str]  # image id -> reason, for the images the catalog cannot use (few)

    @classmethod
    def empty(cls) -> CatalogPage:
        return cls([], 0, 0, [], {})


def _core_filter(group: str, text: str) -> ImageFilter:
    if group in (ALL_CLASSES, translate("CatalogModel", ALL_CLASSES)):
        core_group = ANY_GROUP
    elif group in (NO_CLASS, translate("CatalogModel", NO_CLASS)):
        core_group = NO_GROUP
    else:
        core_group = group
    return ImageFilter(text, core_group)


def read_first_page(catalog: Catalog, group: str = ALL_CLASSES, text: str = "") -> CatalogPage:
    """A few indexed queries, whatever the catalog's size (1M rows: tens of ms; run it in a worker)."""
    image_filter = _core_filter(group, text)
    return CatalogPage(catalog.thumbnail_rows(image_filter, limit=PAGE), catalog.count_matching(image_filter),
                       catalog.count_matching(), catalog.group_labels(),
                       {row.id: row.error or row.status for row in catalog.problems()})


class CatalogModel(ImageListModel):
    """The images of a catalog in id order, filtered by class and text (the catalog's FTS index),
    read a page at a time as the view scrolls (``canFetchMore``/``fetchMore``): opening a
    million-image catalog reads one page, not a million rows."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent, thumbnail_size=thumbnail_size)
        self._catalog: Catalog | None = None
        self._rows: list[ThumbnailRow] = []  # the rows read so far, in id order
        self._ids: list[int] = []
        self._matching = 0
        self._total = 0
        self._labels: list[str | None] = []
        self._unusable: dict[int, str] = {}
        self.filter_group: str = ALL_CLASSES
        self.filter_text: str = ""

    def load(self, catalog: Catalog) -> None:
        """Read and show the catalog's first page now (the window reads it in a worker)."""
        self.set_page(catalog, read_first_page(catalog, self.filter_group, self.filter_text))

    def set_page(self, catalog: Catalog | None, page: CatalogPage) -> None:
        self.beginResetModel()
        self._catalog, self._labels, self._total = catalog, page.labels, page.total
        self._unusable = page.unusable
        self._set_rows(page)
        self.endResetModel()

    def _set_rows(self, page: CatalogPage) -> None:
        self._rows, self._matching = list(page.rows), page.matching
        self._ids = [r.id for r in self._rows]

    def total(self) -> int:
        return self._total

    def matching(self) -> int:
        """How many images the filter shows (rows are read as the view needs them)."""
        return self._matching

    def classes(self) -> list[str]:
        """Class labels present, sorted, with the distractor label and "no class" last."""
        labels = {g for g in self._labels if g}
        named = sorted(labels - {DISTRACTOR})
        extra = [DISTRACTOR] if DISTRACTOR in labels else []
        return named + extra + ([translate("CatalogModel", NO_CLASS)] if any(not g for g in self._labels) else [])

    def group_of(self, image_id: int) -> str | None:
        row = self._catalog_row(image_id)
        return None if row is None else row.group

    def set_filter(self, group: str = ALL_CLASSES, text: str = "") -> None:
        group, text = group or ALL_CLASSES, text.strip().lower()
        if (group, text) == (self.filter_group, self.filter_text):
            return
        self.beginResetModel()
        self.filter_group, self.filter_text = group, text
        if self._catalog is not None:
            image_filter = _core_filter(group, text)
            self._set_rows(CatalogPage(self._catalog.thumbnail_rows(image_filter, limit=PAGE),
                                       self._catalog.count_matching(image_filter), self._total, self._labels,
                                       self._unusable))
        self.endResetModel()

    # -- rows ------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and len(self._rows) < self._matching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 (Qt's signature)
        if not self.canFetchMore(parent) or self._catalog is None:
            return
        more = self._catalog.thumbnail_rows(_core_filter(self.filter_group, self.filter_text),
                                            after_id=self._ids[-1] if self._ids else 0, limit=PAGE)
        if not more:  # rows deleted since the count: stop asking
            self._matching = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows += more
        self._ids += [r.id for r in more]
        self.endInsertRows()

    def image_id_at(self, row: int) -> int:
        return self._rows[row].id

    def _source(self, row: int) -> tuple[str, str | None]:
        return self._rows[row].path, self._rows[row].sha256

    def _caption(self, row: int) -> str:
        return os.path.basename(self._rows[row].path)

    def _group(self, row: int) -> str | None:
        return self._rows[row].group

    def _catalog_failure(self, row: int) -> str | None:
        return self._unusable.get(self.image_id_at(row))

    def rows_of(self, image_id: int) -> list[int]:
        row = bisect.bisect_left(self._ids, image_id)
        return [row] if row < len(self._ids) and self._ids[row] == image_id else []

    def row_of(self, image_id: int) -> int | None:
        rows = self.rows_of(image_id)
        return rows[0] if rows else None

    def source_of(self, image_id: int) -> tuple[str, str | None] | None:
        """(absolute path, hash) of any catalog image, shown, not read yet or filtered out."""
        row = self._catalog_row(image_id)
        return None if row is None else (row.path, row.sha256)

    def _catalog_row(self, image_id: int) -> ThumbnailRow | None:
        rows = self.rows_of(image_id)
        if rows:
            return self._rows[rows[0]]
        if self._catalog is None:
            return None
        found = self._catalog.thumbnail_rows(ImageFilter(), after_id=image_id - 1, limit=1)
        return found[0] if found and found[0].id == image_id else None


@dataclass(frozen=True)
class ResultItem:
    """One cell of a result row: an image with its rank, score and relation to the query's class;
    ``inliers``: the score is a RANSAC inlier count (local and re-ranking methods; -1: not verified);
    ``box``: where a region query found its region in this image (original pixels of ``size``)."""

    image_id: int
    path: str
    sha256: str | None
    group: str | None
    rank: int
    score: float | None
    relation: str | None = None  # "same" | "other" | "unknown" | None
    inliers: bool = False
    box: Box | None = None
    size: tuple[int, int] | None = None  # (width, height) of the original image


def format_score(score: float, inliers: bool) -> str:
    """A similarity with three decimals, or an inlier count as a whole number ("42 inliers")."""
    if not inliers:
        return f"{score:.3f}"
    return (translate("CatalogModel", "{count} inliers").format(count=round(score)) if score >= 0
            else translate("CatalogModel", "not verified"))


class ResultsModel(ImageListModel):
    """A short list of search results (top-k), with rank/score badges, frames and a highlight."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent, thumbnail_size=thumbnail_size)
        self.items: list[ResultItem] = []
        self.highlighted: int | None = None

    def set_items(self, items: list[ResultItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.highlighted = None
        self.endResetModel()

    def set_highlighted(self, image_id: int | None) -> None:
        old, self.highlighted = self.highlighted, image_id
        for target in {old, image_id} - {None}:
            for row in self.rows_of(target):  # type: ignore[arg-type]
                self.dataChanged.emit(self.index(row), self.index(row), [Roles.Highlight])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def image_id_at(self, row: int) -> int:
        return self.items[row].image_id

    def _source(self, row: int) -> tuple[str, str | None]:
        return self.items[row].path, self.items[row].sha256

    def _group(self, row: int) -> str | None:
        return self.items[row].group

    def rows_of(self, image_id: int) -> list[int]:
        return [row for row, item in enumerate(self.items) if item.image_id == image_id]

    def _extra(self, row: int, role: int) -> object:
        item = self.items[row]
        if role == Roles.Relation:
            return item.relation
        if role == Roles.Badge and item.rank > 0:  # rank 0: the query itself, no badge
            return f"#{item.rank}" + (f"  {format_score(item.score, item.inliers)}" if item.score is not None else "")
        if role == Roles.RegionBox:
            return item.box
        if role == Roles.ImageSize:
            return item.size
        if role == Roles.Highlight:
            return self.highlighted is not None and item.image_id == self.highlighted
        return None

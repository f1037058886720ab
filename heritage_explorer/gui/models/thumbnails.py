"""List models of images whose thumbnails load lazily: the whole catalog, and a list of results.

``data(DecorationRole)`` is only called for the cells being painted, so only visible images are
ever queued for decoding; when a thumbnail arrives, the rows showing it are repainted in one
batch per event-loop turn. The catalog model keeps plain arrays (not one Python object per
image), so 100,000 rows load in a fraction of a second and filtering is a vectorised pass.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

import numpy as np
from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer

from heritage_explorer.core.catalog import DISTRACTOR, Catalog
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader

ALL_CLASSES = "All classes"
NO_CLASS = "(no class)"

_Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    ImageId = Qt.ItemDataRole.UserRole + 1
    Group = Qt.ItemDataRole.UserRole + 2
    Failure = Qt.ItemDataRole.UserRole + 3  # why the image has no thumbnail, or None
    Relation = Qt.ItemDataRole.UserRole + 4  # "same" | "other" | "unknown" | None (no frame)
    Badge = Qt.ItemDataRole.UserRole + 5  # "#3  0.812"
    Highlight = Qt.ItemDataRole.UserRole + 6  # bool: hovered in another comparison row
    AbsPath = Qt.ItemDataRole.UserRole + 7


class ImageListModel(QAbstractListModel):
    """Base model: subclasses say which image each row shows; thumbnails come from the loader."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent)
        self.loader: ThumbnailLoader | None = None
        self.thumbnail_size = thumbnail_size
        self._dirty: set[int] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(15)
        self._flush_timer.timeout.connect(self._flush)

    def set_loader(self, loader: ThumbnailLoader | None) -> None:
        if self.loader is not None:
            self.loader.loaded.disconnect(self._on_loaded)
        self.loader = loader
        if loader is not None:
            loader.loaded.connect(self._on_loaded)

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
            lines = [path, f"class: {group}" if group else "no class"]
            if failure:
                lines.append(f"unreadable: {failure}")
            return "\n".join(lines)
        return self._extra(row, role)

    def _on_loaded(self, image_id: int) -> None:
        self._dirty.add(image_id)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        dirty, self._dirty = self._dirty, set()
        roles = [Qt.ItemDataRole.DecorationRole]
        for image_id in dirty:
            for row in self.rows_of(image_id):
                index = self.index(row)
                self.dataChanged.emit(index, index, roles)


@dataclass
class CatalogRows:
    """Id, path, root, class, hash and metadata (JSON text) of every image, as parallel arrays."""

    ids: np.ndarray
    paths: list[str]
    roots: list[str]
    groups: list[str | None]
    hashes: list[str | None]
    metadata: list[str]
    unusable: dict[int, str]  # image id -> reason, for the images the catalog cannot use (few)


def read_rows(catalog: Catalog) -> CatalogRows:
    """One query, no per-row objects: 100,000 rows in a fraction of a second (run it in a worker)."""
    rows = catalog.query(
        "SELECT i.id, i.path, c.root, i.group_name, i.sha256, i.metadata FROM images i"
        " JOIN collections c ON c.id = i.collection_id ORDER BY i.id"
    )
    roots: dict[str, str] = {}
    return CatalogRows(
        ids=np.fromiter((r[0] for r in rows), np.int64, count=len(rows)),
        paths=[r[1] for r in rows],
        roots=[roots.setdefault(r[2], r[2]) for r in rows],
        groups=[r[3] for r in rows],
        hashes=[r[4] for r in rows],
        metadata=[r[5] for r in rows],
        unusable={row.id: row.error or row.status for row in catalog.problems()},
    )


class CatalogModel(ImageListModel):
    """Every image of a catalog, in id order, filterable by class and by text."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent, thumbnail_size=thumbnail_size)
        self._ids = np.zeros(0, np.int64)
        self._paths: list[str] = []
        self._roots: list[str] = []
        self._groups: list[str | None] = []
        self._hashes: list[str | None] = []
        self._metadata: list[str] = []
        self._unusable: dict[int, str] = {}
        self._haystack: list[str] | None = None
        self._visible = np.zeros(0, np.int64)  # positions in the arrays above
        self.filter_group: str = ALL_CLASSES
        self.filter_text: str = ""

    def load(self, catalog: Catalog) -> None:
        """Read and show the catalog now (small catalogs; large ones use read_rows in a worker)."""
        self.set_rows(read_rows(catalog))

    def set_rows(self, rows: CatalogRows) -> None:
        self.beginResetModel()
        self._ids, self._paths, self._roots = rows.ids, rows.paths, rows.roots
        self._groups, self._hashes, self._metadata = rows.groups, rows.hashes, rows.metadata
        self._unusable = rows.unusable
        self._haystack = None
        self._visible = self._select(self.filter_group, self.filter_text)
        self.endResetModel()

    def total(self) -> int:
        return len(self._ids)

    def classes(self) -> list[str]:
        """Class labels present, sorted, with the distractor label and "no class" last."""
        labels = {g for g in self._groups if g}
        named = sorted(labels - {DISTRACTOR})
        extra = [DISTRACTOR] if DISTRACTOR in labels else []
        return named + extra + ([NO_CLASS] if any(g is None or g == "" for g in self._groups) else [])

    def group_of(self, image_id: int) -> str | None:
        position = self._position(image_id)
        return None if position is None else self._groups[position]

    def set_filter(self, group: str = ALL_CLASSES, text: str = "") -> None:
        group, text = group or ALL_CLASSES, text.strip().lower()
        if (group, text) == (self.filter_group, self.filter_text):
            return
        self.beginResetModel()
        self.filter_group, self.filter_text = group, text
        self._visible = self._select(group, text)
        self.endResetModel()

    def _select(self, group: str, text: str) -> np.ndarray:
        mask = np.ones(len(self._ids), bool)
        if group != ALL_CLASSES:
            wanted = None if group == NO_CLASS else group
            mask &= np.fromiter(((g or None) == wanted for g in self._groups), bool, count=len(self._ids))
        if text:
            if self._haystack is None:
                self._haystack = [
                    f"{p}\n{g or ''}\n{m}".lower() for p, g, m in zip(self._paths, self._groups, self._metadata, strict=True)
                ]
            mask &= np.fromiter((text in h for h in self._haystack), bool, count=len(self._ids))
        return np.flatnonzero(mask)

    # -- rows ------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._visible)

    def image_id_at(self, row: int) -> int:
        return int(self._ids[self._visible[row]])

    def _source(self, row: int) -> tuple[str, str | None]:
        position = self._visible[row]
        return os.path.join(self._roots[position], self._paths[position]), self._hashes[position]

    def _caption(self, row: int) -> str:
        return os.path.basename(self._paths[self._visible[row]])

    def _group(self, row: int) -> str | None:
        return self._groups[self._visible[row]]

    def _catalog_failure(self, row: int) -> str | None:
        return self._unusable.get(self.image_id_at(row))

    def _position(self, image_id: int) -> int | None:
        position = int(np.searchsorted(self._ids, image_id))
        return position if position < len(self._ids) and self._ids[position] == image_id else None

    def rows_of(self, image_id: int) -> list[int]:
        position = self._position(image_id)
        if position is None:
            return []
        row = int(np.searchsorted(self._visible, position))
        return [row] if row < len(self._visible) and self._visible[row] == position else []

    def row_of(self, image_id: int) -> int | None:
        rows = self.rows_of(image_id)
        return rows[0] if rows else None

    def source_of(self, image_id: int) -> tuple[str, str | None] | None:
        """(absolute path, hash) of any catalog image, visible or filtered out."""
        position = self._position(image_id)
        if position is None:
            return None
        return os.path.join(self._roots[position], self._paths[position]), self._hashes[position]


@dataclass(frozen=True)
class ResultItem:
    """One cell of a result row: an image with its rank, score and relation to the query's class."""

    image_id: int
    path: str
    sha256: str | None
    group: str | None
    rank: int
    score: float | None
    relation: str | None = None  # "same" | "other" | "unknown" | None


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
            return f"#{item.rank}" + (f"  {item.score:.3f}" if item.score is not None else "")
        if role == Roles.Highlight:
            return self.highlighted is not None and item.image_id == self.highlighted
        return None

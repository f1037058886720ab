"""The collection map (issue #21 part 3): every described image at its 2-D place, by a method's descriptors.

Level of detail: far out each image is a dot coloured by its class; closer in, where a tile is
at least ``THUMBNAIL_FROM_PX`` on screen, its thumbnail through the window's ``ThumbnailLoader``
(queued when first painted, drawn when ``loaded`` says it arrived). A click (no drag) searches
with that image; dragging pans, the wheel zooms under the cursor.

The layout is computed by ``pipeline.collection_map.compute_map`` in the window's ``JobRunner``;
its answer is a bound method of the dialog, so it is dropped if the dialog was closed first.
Ownership (docs/QT_OWNERSHIP.md): the scene is a child of the view, the items belong to the
scene, the dialog deletes itself on close; no QObject is made or reached in the worker.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.collection_map import CollectionMap, compute_map

TILE = 64.0  # scene units of one thumbnail tile
THUMBNAIL_SIZE = 128  # pixels asked of the loader
THUMBNAIL_FROM_PX = 40.0  # on-screen tile size from which thumbnails replace dots
DOT_PX = 7.0
CLICK_SLOP_PX = 4
NO_GROUP = QColor(150, 150, 150)


def group_colours(groups: list[str | None]) -> dict[str | None, QColor]:
    """A distinct hue per group (golden-angle steps), grey for none and distractors."""
    names = sorted({g for g in groups if g not in (None, "", "distractor")})
    colours: dict[str | None, QColor] = {g: QColor.fromHsvF((i * 0.618034) % 1.0, 0.75, 0.9)
                                         for i, g in enumerate(names)}
    for none in (None, "", "distractor"):
        colours[none] = NO_GROUP
    return colours


class MapPointItem(QGraphicsItem):
    """One image: a dot far out, its thumbnail close in."""

    def __init__(self, image_id: int, path: str, sha256: str | None, colour: QColor,
                 loader: ThumbnailLoader | None):
        super().__init__()
        self.image_id, self.path, self.sha256 = image_id, path, sha256
        self.colour = colour
        self.loader = loader
        self.drew_thumbnail = False  # what the last paint showed (tests, and no repeated requests)
        self.setAcceptHoverEvents(False)

    def boundingRect(self) -> QRectF:
        return QRectF(-TILE / 2, -TILE / 2, TILE, TILE)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if TILE * lod >= THUMBNAIL_FROM_PX and self.loader is not None:
            image = self.loader.get(self.image_id, Path(self.path), self.sha256, THUMBNAIL_SIZE)
            if image is not None and not image.isNull():
                target = QRectF(-TILE / 2, -TILE / 2, TILE, TILE)
                scale = min(TILE / image.width(), TILE / image.height())
                w, h = image.width() * scale, image.height() * scale
                painter.drawImage(QRectF(-w / 2, -h / 2, w, h), image)
                painter.setPen(QPen(self.colour, 3.0 / lod))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(target.adjusted(1, 1, -1, -1))
                self.drew_thumbnail = True
                return
        radius = min(TILE / 2, DOT_PX / 2 / max(lod, 1e-6))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(self.colour))
        painter.drawEllipse(QRectF(-radius, -radius, 2 * radius, 2 * radius))
        self.drew_thumbnail = False


class MapView(QGraphicsView):
    """Pans by dragging, zooms with the wheel; a click on an image calls ``on_click(image_id)``."""

    def __init__(self, on_click: Callable[[int], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.on_click = on_click
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor(32, 32, 32))
        self._pressed_at: QPoint | None = None

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    def fit(self) -> None:
        self.fitInView(self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event) -> None:
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)

    def mousePressEvent(self, event) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        where = event.position().toPoint()
        if pressed is None or (where - pressed).manhattanLength() > CLICK_SLOP_PX:
            return  # a drag: panned
        scene_point = self.mapToScene(where)
        under = [item for item in self.items(where) if isinstance(item, MapPointItem)]
        if under:  # tiles overlap where images are alike: the one whose centre is nearest
            nearest = min(under, key=lambda item: (item.pos() - scene_point).manhattanLength())
            self.on_click(nearest.image_id)


class CollectionMapDialog(QDialog):
    """The map of one project by one method; computed in ``runner``, drawn when it arrives."""

    def __init__(self, runner: JobRunner, project, spec: str, loader: ThumbnailLoader | None,
                 sources: Callable[[int], tuple[str, str | None] | None], on_click: Callable[[int], object],
                 parent: QWidget | None = None, *, seed: int = 0):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Collection map — {spec}")
        self.resize(1000, 800)
        self.spec = spec
        self.loader = loader
        self.sources = sources
        self.view = MapView(on_click)
        self.status = QLabel(f"Laying out the collection by {spec}…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.items: dict[int, MapPointItem] = {}
        self.collection_map: CollectionMap | None = None
        if loader is not None:
            loader.loaded.connect(self._thumbnail_arrived)
        self.job = runner.start(Job("map", compute_map, project, spec, seed=seed),
                                on_finished=self._show, on_failed=self._failed, on_progress=self._progress)

    def _progress(self, progress: Progress) -> None:
        self.status.setText(f"{progress.stage}: {progress.done}/{progress.total} {progress.message}".rstrip())

    def _failed(self, message: str) -> None:
        self.status.setText(f"No map: {message}")

    def _show(self, collection_map: CollectionMap) -> None:
        self.collection_map = collection_map
        scene = self.view.scene()
        side = max(1000.0, TILE * 1.5 * math.sqrt(len(collection_map.points)))  # tiles touch at 1:1 at most
        colours = group_colours([p.group for p in collection_map.points])
        for point in collection_map.points:
            source = self.sources(point.image_id)
            if source is None:
                continue  # left the catalog since the layout was computed
            item = MapPointItem(point.image_id, source[0], source[1], colours[point.group], self.loader)
            item.setPos(point.x * side, point.y * side)
            item.setToolTip(f"{point.path}\n{point.group or 'no group'}")
            scene.addItem(item)
            self.items[point.image_id] = item
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-TILE, -TILE, TILE, TILE))
        self.view.fit()
        figures = collection_map.neighbourhood
        kept = (f"; kNN recall@{figures.k} {figures.knn_recall:.2f}, trustworthiness {figures.trustworthiness:.2f}"
                if figures is not None else "")
        self.status.setText(f"{len(self.items)} images by {self.spec} ({collection_map.algorithm}, "
                            f"{collection_map.seconds:.1f} s){kept}. Click an image to search with it; "
                            "drag to pan, wheel to zoom (thumbnails close in).")

    def _thumbnail_arrived(self, image_id: int) -> None:
        item = self.items.get(image_id)
        if item is not None:
            item.update()

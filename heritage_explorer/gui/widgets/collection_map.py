"""The collection map (issue #21 part 3): every described image at its 2-D place, by a method's descriptors.

Level of detail: every image is a dot coloured by its class, all drawn by one item; closer in,
where a tile is at least ``THUMBNAIL_FROM_PX`` on screen, the images in view get a thumbnail item
(through the window's ``ThumbnailLoader``: queued when first painted, drawn when ``loaded`` says
it arrived), removed again when they leave the view, so a 100k-image map holds a few hundred
items. A click (no drag) searches with the nearest image; dragging pans, the wheel zooms under
the cursor.

The layout is computed by ``pipeline.collection_map.compute_map`` in the window's ``JobRunner``;
its answer is a bound method of the dialog, so it is dropped if the dialog was closed first.
Ownership (docs/QT_OWNERSHIP.md): the scene is a child of the view, the items belong to the
scene, the dialog deletes itself on close; no QObject is made or reached in the worker.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
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
MAX_THUMBNAILS = 600  # thumbnail items in view at once
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


class DotsItem(QGraphicsItem):
    """Every image as a dot of its class's colour, drawn in one ``drawPoints`` per colour (fluid at 100k)."""

    def __init__(self, xy: np.ndarray, colour_of: list[QColor]):
        super().__init__()
        self.colours: dict[str, tuple[QColor, QPolygonF]] = {}
        for (x, y), colour in zip(xy.tolist(), colour_of, strict=True):
            self.colours.setdefault(colour.name(), (colour, QPolygonF()))[1].append(QPointF(x, y))
        low, high = xy.min(axis=0) if len(xy) else (0, 0), xy.max(axis=0) if len(xy) else (0, 0)
        self.bounds = QRectF(float(low[0]), float(low[1]), float(high[0] - low[0]),
                             float(high[1] - low[1])).adjusted(-TILE, -TILE, TILE, TILE)

    def boundingRect(self) -> QRectF:
        return self.bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        for colour, polygon in self.colours.values():
            pen = QPen(colour, DOT_PX)
            pen.setCosmetic(True)  # DOT_PX on screen at any zoom
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawPoints(polygon)


class MapPointItem(QGraphicsItem):
    """The thumbnail of one image, made only while it is in view close in (over its dot)."""

    def __init__(self, image_id: int, path: str, sha256: str | None, colour: QColor,
                 loader: ThumbnailLoader | None):
        super().__init__()
        self.image_id, self.path, self.sha256 = image_id, path, sha256
        self.colour = colour
        self.loader = loader
        self.drew_thumbnail = False  # what the last paint showed

    def boundingRect(self) -> QRectF:
        return QRectF(-TILE / 2, -TILE / 2, TILE, TILE)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        image = None
        if TILE * lod >= THUMBNAIL_FROM_PX and self.loader is not None:
            image = self.loader.get(self.image_id, Path(self.path), self.sha256, THUMBNAIL_SIZE)
        self.drew_thumbnail = image is not None and not image.isNull()
        if not self.drew_thumbnail:
            return  # the dot beneath shows until the thumbnail arrives
        scale = min(TILE / image.width(), TILE / image.height())
        w, h = image.width() * scale, image.height() * scale
        painter.drawImage(QRectF(-w / 2, -h / 2, w, h), image)
        painter.setPen(QPen(self.colour, 3.0 / lod))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(-w / 2, -h / 2, w, h))


class MapView(QGraphicsView):
    """Pans by dragging, zooms with the wheel; a click on an image calls ``on_click(image_id)``.

    Far out only the :class:`DotsItem` is drawn; once a tile is ``THUMBNAIL_FROM_PX`` on screen,
    thumbnail items are made for the images in view (at most ``MAX_THUMBNAILS``) and removed
    when they leave it, so the scene never holds one item per image.
    """

    def __init__(self, on_click: Callable[[int], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.on_click = on_click
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor(32, 32, 32))
        self._pressed_at: QPoint | None = None
        self.xy = np.empty((0, 2))
        self.point_ids: list[int] = []
        self._make_item: Callable[[int], MapPointItem | None] = lambda _row: None
        self.thumbnails: dict[int, MapPointItem] = {}  # row -> item in view
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.refresh)

    def set_points(self, xy: np.ndarray, ids: list[int], colours: list[QColor],
                   make_item: Callable[[int], MapPointItem | None]) -> None:
        self.xy, self.point_ids, self._make_item = xy, ids, make_item
        dots = DotsItem(xy, colours)
        self.scene().addItem(dots)
        self.scene().setSceneRect(dots.boundingRect())
        self.fit()

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)
        self._refresh.start()

    def set_zoom(self, factor: float) -> None:
        """One scene unit is ``factor`` screen pixels."""
        self.resetTransform()
        self.zoom(factor)

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._refresh.start()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._refresh.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refresh.start()

    def refresh(self) -> None:
        """Make the thumbnail items of the images in view (close in), remove the others."""
        wanted: set[int] = set()
        if TILE * self.transform().m11() >= THUMBNAIL_FROM_PX and len(self.xy):
            seen = self.mapToScene(self.viewport().rect()).boundingRect().adjusted(-TILE, -TILE, TILE, TILE)
            inside = ((self.xy[:, 0] >= seen.left()) & (self.xy[:, 0] <= seen.right())
                      & (self.xy[:, 1] >= seen.top()) & (self.xy[:, 1] <= seen.bottom()))
            wanted = set(np.flatnonzero(inside)[:MAX_THUMBNAILS].tolist())
        for row in set(self.thumbnails) - wanted:
            self.scene().removeItem(self.thumbnails.pop(row))  # Python's reference was the last: freed here
        for row in wanted - set(self.thumbnails):
            item = self._make_item(row)
            if item is not None:
                self.scene().addItem(item)
                self.thumbnails[row] = item

    def wheelEvent(self, event) -> None:
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)

    def mousePressEvent(self, event) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, None
        where = event.position().toPoint()
        if pressed is None or (where - pressed).manhattanLength() > CLICK_SLOP_PX or not len(self.xy):
            return  # a drag: panned
        point = self.mapToScene(where)
        distance = np.abs(self.xy - (point.x(), point.y())).max(axis=1)
        row = int(np.argmin(distance))
        if distance[row] <= max(TILE / 2, DOT_PX / max(self.transform().m11(), 1e-6)):
            self.on_click(self.point_ids[row])


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
        self.points: list = []
        self.shown = 0
        self._colours: dict[str | None, QColor] = {}
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
        side = max(1000.0, TILE * 1.5 * math.sqrt(len(collection_map.points)))  # tiles touch at 1:1 at most
        colour_of = self._colours = group_colours([p.group for p in collection_map.points])
        points = [p for p in collection_map.points if self.sources(p.image_id) is not None]  # still catalogued
        self.points = points
        xy = np.array([[p.x * side, p.y * side] for p in points], dtype=np.float64).reshape(-1, 2)
        self.view.set_points(xy, [p.image_id for p in points], [colour_of[p.group] for p in points],
                             self._thumbnail_item)
        self.shown = len(points)
        figures = collection_map.neighbourhood
        kept = (f"; kNN recall@{figures.k} {figures.knn_recall:.2f}, trustworthiness {figures.trustworthiness:.2f}"
                if figures is not None else "")
        self.status.setText(f"{self.shown} images by {self.spec} ({collection_map.algorithm}, "
                            f"{collection_map.seconds:.1f} s){kept}. Click an image to search with it; "
                            "drag to pan, wheel to zoom (thumbnails close in).")

    def _thumbnail_item(self, row: int) -> MapPointItem | None:
        point = self.points[row]
        source = self.sources(point.image_id)
        if source is None:
            return None
        item = MapPointItem(point.image_id, source[0], source[1], self._colours[point.group], self.loader)
        item.setPos(QPointF(*self.view.xy[row]))
        item.setToolTip(f"{point.path}\n{point.group or 'no group'}")
        return item

    def _thumbnail_arrived(self, image_id: int) -> None:
        for item in self.view.thumbnails.values():
            if item.image_id == image_id:
                item.update()

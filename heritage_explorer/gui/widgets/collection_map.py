"""The collection map (issue #21 part 3): every described image at its 2-D place, by a method's descriptors.

Level of detail: every image is a dot coloured by its class, all drawn by one item; closer in,
where a tile is at least ``THUMBNAIL_FROM_PX`` on screen, the images in view get a thumbnail item
(through the window's ``ThumbnailLoader``: queued when first painted, drawn when ``loaded`` says
it arrived), removed again when they leave the view, so a 100k-image map holds a few hundred
items. A click (no drag) searches with the nearest image; dragging pans, the wheel zooms under
the cursor.

"Colour by" recolours the dots by class or by any metadata column of the catalog
(:mod:`.map_colouring`: categories with a legend, numeric columns binned). Shift+drag (or a drag
with "Lasso" on) draws a free-hand polygon and selects the images inside it (a vectorised
point-in-polygon test over the layout); the selection is drawn as a halo under the dots, kept
while zooming, panning and recolouring, dropped with a new layout and with the dialog. It can be written as a
selection file (``heritage-explorer export --selection FILE`` reads it) or given a variation flag
(the one per-image label of the catalog: :meth:`GroundTruthEdits.flag_images`, one undoable edit).

The layout is computed by ``pipeline.collection_map.compute_map`` in the window's ``JobRunner``;
its answer is a bound method of the dialog, so it is dropped if the dialog was closed first.
Ownership (docs/QT_OWNERSHIP.md): the scene is a child of the view, the items belong to the
scene, the dialog deletes itself on close; no QObject is made or reached in the worker.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.annotations import VARIATIONS
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.annotation_commands import GroundTruthEdits
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.widgets.map_colouring import Colouring, colour_by, points_in_polygon
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.collection_map import CollectionMap, compute_map
from heritage_explorer.pipeline.export import write_selection

TILE = 64.0  # scene units of one thumbnail tile
THUMBNAIL_SIZE = 128  # pixels asked of the loader
THUMBNAIL_FROM_PX = 40.0  # on-screen tile size from which thumbnails replace dots
DOT_PX = 7.0
MAX_THUMBNAILS = 600  # thumbnail items in view at once
CLICK_SLOP_PX = 4
SELECTED = QColor(255, 255, 255)
CLASS = "class"  # the "Colour by" entry of the catalog's group (class) column


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


class SelectionItem(QGraphicsItem):
    """A white halo under the dots of the selected images (one ``drawPoints``), any zoom."""

    def __init__(self, bounds: QRectF):
        super().__init__()
        self.bounds = bounds
        self.points = QPolygonF()
        self.setZValue(-1)

    def set_points(self, xy: np.ndarray) -> None:
        self.points = QPolygonF([QPointF(x, y) for x, y in xy.tolist()])
        self.update()

    def boundingRect(self) -> QRectF:
        return self.bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pen = QPen(SELECTED, DOT_PX + 5)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPoints(self.points)


class MapPointItem(QGraphicsItem):
    """The thumbnail of one image, made only while it is in view close in (over its dot)."""

    def __init__(self, image_id: int, path: str, sha256: str | None, colour: QColor,
                 loader: ThumbnailLoader | None):
        super().__init__()
        self.image_id, self.path, self.sha256 = image_id, path, sha256
        self.colour = colour
        self.loader = loader
        self.drew_thumbnail = False  # what the last paint showed
        self.selected = False  # in the lasso selection: a white frame

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
        painter.setPen(QPen(SELECTED if self.selected else self.colour, (6.0 if self.selected else 3.0) / lod))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(-w / 2, -h / 2, w, h))


class MapView(QGraphicsView):
    """Pans by dragging, zooms with the wheel; a click on an image calls ``on_click(image_id)``;
    Shift+drag (any drag while ``lasso`` is on) draws a lasso and calls ``on_lasso(rows)``.

    Far out only the :class:`DotsItem` is drawn; once a tile is ``THUMBNAIL_FROM_PX`` on screen,
    thumbnail items are made for the images in view (at most ``MAX_THUMBNAILS``) and removed
    when they leave it, so the scene never holds one item per image.
    """

    def __init__(self, on_click: Callable[[int], object], parent: QWidget | None = None,
                 on_lasso: Callable[[np.ndarray], object] = lambda _rows: None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.on_click = on_click
        self.on_lasso = on_lasso
        self.lasso = False  # plain drags draw a lasso instead of panning
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor(32, 32, 32))
        self._pressed_at: QPoint | None = None
        self._lasso_points: list[QPointF] | None = None  # scene points of the lasso being drawn
        self._lasso_item: QGraphicsPathItem | None = None
        self.xy = np.empty((0, 2))
        self.point_ids: list[int] = []
        self.selected = np.zeros(0, bool)  # per row: in the lasso selection
        self.dots: DotsItem | None = None
        self.halo: SelectionItem | None = None
        self._make_item: Callable[[int], MapPointItem | None] = lambda _row: None
        self.thumbnails: dict[int, MapPointItem] = {}  # row -> item in view
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self.refresh)

    def set_points(self, xy: np.ndarray, ids: list[int], colours: list[QColor],
                   make_item: Callable[[int], MapPointItem | None]) -> None:
        """A new layout: every item of the previous one goes, and the selection with them."""
        self.scene().clear()
        self.thumbnails, self.dots, self.halo, self._lasso_item, self._lasso_points = {}, None, None, None, None
        self.xy, self.point_ids, self._make_item = xy, ids, make_item
        self.set_colours(colours)
        self.halo = SelectionItem(self.dots.boundingRect())
        self.scene().addItem(self.halo)
        self.set_selection(np.zeros(len(ids), bool))
        self.scene().setSceneRect(self.dots.boundingRect())
        self.fit()

    def set_colours(self, colours: list[QColor]) -> None:
        """Recolour the dots (one new item); the selection and the thumbnails stay."""
        if self.dots is not None:
            self.scene().removeItem(self.dots)
        self.dots = DotsItem(self.xy, colours)
        self.scene().addItem(self.dots)
        for row, item in self.thumbnails.items():
            item.colour = colours[row]
            item.update()

    def set_selection(self, selected: np.ndarray) -> None:
        self.selected = np.asarray(selected, bool)
        if self.halo is not None:
            self.halo.set_points(self.xy[self.selected])
        for row, item in self.thumbnails.items():
            item.selected = bool(self.selected[row])
            item.update()

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
                item.selected = bool(self.selected[row])
                self.scene().addItem(item)
                self.thumbnails[row] = item

    def wheelEvent(self, event) -> None:
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)

    def mousePressEvent(self, event) -> None:
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.button() == Qt.MouseButton.LeftButton and (self.lasso or shift) and len(self.xy):
            self._lasso_points = [self.mapToScene(event.position().toPoint())]
            pen = QPen(SELECTED, 1.5)
            pen.setCosmetic(True)
            pen.setStyle(Qt.PenStyle.DashLine)
            self._lasso_item = self.scene().addPath(QPainterPath(), pen)
            self._lasso_item.setZValue(10)
            return  # no hand drag: the lasso has the mouse
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._lasso_points is None:
            super().mouseMoveEvent(event)
            return
        self._lasso_points.append(self.mapToScene(event.position().toPoint()))
        path = QPainterPath()
        path.addPolygon(QPolygonF(self._lasso_points))
        path.closeSubpath()
        self._lasso_item.setPath(path)

    def mouseReleaseEvent(self, event) -> None:
        if self._lasso_points is not None:
            self._lasso_points.append(self.mapToScene(event.position().toPoint()))
            polygon = np.array([[p.x(), p.y()] for p in self._lasso_points], dtype=np.float64)
            self.scene().removeItem(self._lasso_item)
            self._lasso_points, self._lasso_item = None, None
            self.on_lasso(points_in_polygon(self.xy, polygon))
            return
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
                 parent: QWidget | None = None, *, seed: int = 0, edits: GroundTruthEdits | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Collection map — {spec}")
        self.resize(1000, 800)
        self.runner = runner
        self.project = project
        self.spec = spec
        self.loader = loader
        self.sources = sources
        self.edits = edits
        self.view = MapView(on_click, on_lasso=self._lassoed)
        self.status = QLabel(f"Laying out the collection by {spec}…")
        self.colour_combo = QComboBox()
        self.colour_combo.setToolTip("Colour the dots by the class or by a metadata column of the catalog")
        self.colour_combo.addItem(CLASS)
        self.colour_combo.addItems(project.catalog.metadata_columns())
        self.colour_combo.currentTextChanged.connect(self.colour_by)
        self.lasso_button = QPushButton("Lasso")
        self.lasso_button.setCheckable(True)
        self.lasso_button.setToolTip("Drag to draw a lasso around images (Shift+drag does it without this)")
        self.lasso_button.toggled.connect(lambda on: setattr(self.view, "lasso", on))
        self.selection_label = QLabel("No selection")
        self.export_button = QPushButton("Export selection…")
        self.export_button.clicked.connect(self._ask_export)
        self.flag_button = QPushButton("Flag selection…")
        self.flag_button.setToolTip("Add a variation flag (relative to its class's reference) to the selected images")
        self.flag_button.clicked.connect(self._ask_flag)
        self.flag_button.setVisible(edits is not None)
        self.clear_button = QPushButton("Clear selection")
        self.clear_button.clicked.connect(lambda: self._lassoed(np.zeros(len(self.points), bool)))
        tools = QHBoxLayout()
        tools.addWidget(QLabel("Colour by"))
        tools.addWidget(self.colour_combo)
        tools.addStretch(1)
        for widget in (self.lasso_button, self.selection_label, self.export_button, self.flag_button,
                       self.clear_button):
            tools.addWidget(widget)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.legend.setMaximumWidth(240)
        self.legend.setWordWrap(True)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self.points: list = []
        self.shown = 0
        self.colouring: Colouring | None = None
        self.collection_map: CollectionMap | None = None
        self._export_path: Path | None = None
        self._selection_changed(np.zeros(0, bool))
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
        points = [p for p in collection_map.points if self.sources(p.image_id) is not None]  # still catalogued
        self.points = points
        self.colouring = colour_by(self._values(self.colour_combo.currentText()))
        xy = np.array([[p.x * side, p.y * side] for p in points], dtype=np.float64).reshape(-1, 2)
        self.view.set_points(xy, [p.image_id for p in points], self.colouring.colours, self._thumbnail_item)
        self._selection_changed(self.view.selected)
        self._show_legend()
        self.shown = len(points)
        figures = collection_map.neighbourhood
        kept = (f"; kNN recall@{figures.k} {figures.knn_recall:.2f}, trustworthiness {figures.trustworthiness:.2f}"
                if figures is not None else "")
        self.status.setText(f"{self.shown} images by {self.spec} ({collection_map.algorithm}, "
                            f"{collection_map.seconds:.1f} s){kept}. Click an image to search with it; "
                            "drag to pan, wheel to zoom (thumbnails close in), Shift+drag to select.")

    # -- colouring -------------------------------------------------------------------------------
    def _values(self, column: str) -> list[str | None]:
        """One value per map point: its class, or its value in the metadata ``column``."""
        if column == CLASS:
            return [p.group for p in self.points]
        values = self.project.catalog.metadata_values(column)
        return [values.get(p.image_id) for p in self.points]

    def colour_by(self, column: str) -> None:
        """Recolour the dots by ``column`` (``class`` or a metadata column); the selection stays."""
        if self.colour_combo.currentText() != column:
            self.colour_combo.setCurrentText(column)  # comes back here through the signal
            return
        if not self.points:
            return
        self.colouring = colour_by(self._values(column))
        self.view.set_colours(self.colouring.colours)
        self._show_legend()

    def _show_legend(self) -> None:
        column = self.colour_combo.currentText()
        kind = " (binned)" if self.colouring is not None and self.colouring.binned else ""
        rows = "".join(f'<tr><td style="color:{colour.name()}">&#9679;</td><td>{html.escape(label)}</td>'
                       f'<td align="right">{count}</td></tr>'
                       for label, colour, count in (self.colouring.legend if self.colouring else []))
        self.legend.setText(f"<b>{html.escape(column)}</b>{kind}<table>{rows}</table>")

    # -- selection -------------------------------------------------------------------------------
    def _lassoed(self, selected: np.ndarray) -> None:
        self.view.set_selection(selected)
        self._selection_changed(selected)

    def _selection_changed(self, selected: np.ndarray) -> None:
        count = int(np.count_nonzero(selected))
        self.selection_label.setText(f"{count} selected" if count else "No selection")
        for button in (self.export_button, self.flag_button, self.clear_button):
            button.setEnabled(count > 0)

    def selected_ids(self) -> list[int]:
        """The catalog ids of the selected images, in map (catalog id) order."""
        return [self.view.point_ids[row] for row in np.flatnonzero(self.view.selected).tolist()]

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, "Export the selection", "selection.txt",
                                                    "Selection (*.txt);;All files (*)")
        if path:
            self.export_selection(path)

    def export_selection(self, path: str | Path) -> None:
        """Write the selection file (one catalog path per line) in the runner; said in the status."""
        ids = self.selected_ids()
        self._export_path = Path(path)
        self.status.setText(f"Writing {len(ids)} images to {self._export_path.name}…")
        # bound methods, not lambdas: a dialog closed before the job ends gets no answer (QT_OWNERSHIP.md)
        self.runner.start(Job("export selection", write_selection, self.project, ids, str(path),
                              with_progress=False, with_cancel=False),
                          on_finished=self._selection_written, on_failed=self._selection_not_written)

    def _selection_written(self, count: int) -> None:
        self.status.setText(f"{count} images written to {self._export_path}: "
                            f"heritage-explorer export --selection {self._export_path.name}")

    def _selection_not_written(self, message: str) -> None:
        self.status.setText(f"Selection not written: {message}")

    def _ask_flag(self) -> None:
        variation, ok = QInputDialog.getItem(self, "Flag the selection", "Variation the selected images show "
                                             "relative to their class's reference:", list(VARIATIONS), 0, False)
        if ok:
            self.flag_selection(variation)

    def flag_selection(self, variation: str) -> tuple[int, int]:
        """Add ``variation`` to the flags of the selected images (one undoable edit); said in the status."""
        if self.edits is None:
            return 0, 0
        try:
            flagged, unflaggable = self.edits.flag_images(self.selected_ids(), variation)
        except HeritageError as exc:  # the catalog went away or became read-only meanwhile
            self.status.setText(f"Not flagged: {exc}")
            return 0, 0
        skipped = f"; {unflaggable} without a class or a class's reference, not flagged" if unflaggable else ""
        self.status.setText(f"{variation} flagged on {flagged} images{skipped} (Ctrl+Z in the window undoes it).")
        return flagged, unflaggable

    # -- thumbnails ------------------------------------------------------------------------------
    def _thumbnail_item(self, row: int) -> MapPointItem | None:
        point = self.points[row]
        source = self.sources(point.image_id)
        if source is None:
            return None
        colour = self.colouring.colours[row] if self.colouring is not None else SELECTED
        item = MapPointItem(point.image_id, source[0], source[1], colour, self.loader)
        item.setPos(QPointF(*self.view.xy[row]))
        item.setToolTip(f"{point.path}\n{point.group or 'no group'}")
        return item

    def _thumbnail_arrived(self, image_id: int) -> None:
        for item in self.view.thumbnails.values():
            if item.image_id == image_id:
                item.update()


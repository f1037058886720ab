"""Image viewer: the picture with zoom (wheel, +/-) and pan (drag), beside its metadata; a box drawn on it
(Search a region, R) asks a region query (issue #21 part 1)."""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.records import ImageRow
from heritage_explorer.core.regions import Box
from heritage_explorer.gui.delegates.thumbnail import REGION_COLOR, region_rect
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.workers import Job, JobRunner

VIEWER_MAX_SIDE = 3072  # decoded size: enough to zoom into a scan without holding the full master


def decode_for_viewer(path: str | Path, max_side: int = VIEWER_MAX_SIDE) -> QImage:
    """Decode in a worker thread (QImage, unlike QPixmap, may be made off the GUI thread)."""
    rgb = np.ascontiguousarray(load_rgb(path, max_side))
    height, width, _ = rgb.shape
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def region_from_scene(a: tuple[float, float], b: tuple[float, float], displayed: tuple[int, int],
                      original: tuple[int, int]) -> Box | None:
    """The box of original pixels covered by the rectangle with corners ``a`` and ``b`` in the
    viewer's scene (pixels of the image as decoded for display, ``displayed = (width, height)``),
    clipped to the image; None when nothing of the image is inside."""
    sx, sy = original[0] / displayed[0], original[1] / displayed[1]
    (x0, x1), (y0, y1) = sorted((a[0], b[0])), sorted((a[1], b[1]))
    return Box.from_extent(x0 * sx, y0 * sy, x1 * sx, y1 * sy, original)


def viewer_fields(row: ImageRow) -> list[tuple[str, str]]:
    """What the viewer lists beside an image: catalog fields, then its metadata, sorted."""
    fields = [("id", str(row.id)), ("path", str(row.abspath)), ("class", row.group or "—"),
              ("status", row.status + (f" ({error_text(row.error)})" if row.error else "")),
              ("size", f"{row.width}×{row.height}" if row.width else "unknown"), ("sha256", row.sha256 or "—")]
    return fields + [(key, str(value)) for key, value in sorted(row.metadata.items())]


def metadata_view(metadata: list[tuple[str, str]]) -> QTextBrowser:
    """The fields, each name above its value, read in full: long values (a path, a sha256, a title)
    wrap anywhere rather than being cut, and every value can be selected and copied."""
    view = QTextBrowser()
    view.setOpenLinks(False)
    view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    view.setHtml("".join(f"<p style='margin: 0 0 6px 0'><b>{html.escape(key)}</b><br>{html.escape(value)}</p>"
                         for key, value in metadata))
    return view


class ZoomView(QGraphicsView):
    """A graphics view that zooms under the mouse with the wheel and pans by dragging; in rubber-band
    mode a drag draws a box, reported by ``band_drawn`` (scene points of the press and the release)."""

    band_drawn = Signal(QPointF, QPointF)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._band_start: QPointF | None = None
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)

    def set_image(self, image: QImage) -> None:
        self.item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self.item.boundingRect())
        self.fit()

    def fit(self) -> None:
        self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11() * factor
        if 0.02 <= scale <= 32:
            self.scale(factor, factor)

    @property
    def zoom_level(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.dragMode() == QGraphicsView.DragMode.RubberBandDrag and event.button() == Qt.MouseButton.LeftButton:
            self._band_start = self.mapToScene(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        start, self._band_start = self._band_start, None
        super().mouseReleaseEvent(event)
        if start is not None and event.button() == Qt.MouseButton.LeftButton:
            self.band_drawn.emit(start, self.mapToScene(event.position().toPoint()))


class ImageViewer(QDialog):
    """Opens one catalog image; decoding happens in ``runner``'s pool, never on the GUI thread.

    With ``original_size`` (the image's width and height in the catalog) the Search a region
    button (R) lets a box be drawn; ``region_chosen`` then gives it in original pixels. ``found``
    (original pixels): where a region query found its region in this image, drawn once it is shown.
    """

    region_chosen = Signal(object)  # a core.regions.Box

    def __init__(self, runner: JobRunner, path: str, metadata: list[tuple[str, str]],
                 parent: QWidget | None = None, *, original_size: tuple[int, int] | None = None,
                 found: Box | None = None):
        super().__init__(parent)
        # closed is gone: the window opens one per double-click, a day of them must not pile up as its children
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(Path(path).name)
        self.resize(1100, 750)
        self.view = ZoomView()
        self.status = QLabel(translate("ImageViewer", "Loading…"))
        self.metadata = list(metadata)
        self.fields = metadata_view(self.metadata)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        self.original_size = original_size
        self.region_button = QPushButton(translate("ImageViewer", "Search a region"))
        self.region_button.setCheckable(True)
        self.region_button.setEnabled(False)  # until the image is shown
        self.region_button.setToolTip(translate("ImageViewer", "Draw a box on the image (R) to search with "
                                                               "that region only"))
        self.region_button.toggled.connect(self._drawing)
        self.region_item: QGraphicsRectItem | None = None  # the last region drawn (owned by the scene)
        self.found = found
        self.found_item: QGraphicsRectItem | None = None  # the found region (owned by the scene)
        self.view.band_drawn.connect(self._band_drawn)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.region_button)
        left_layout.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.fields)
        splitter.setSizes([800, 300])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom(1.25)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom(0.8)),
                           ("0", self.view.fit), ("R", self.region_button.toggle)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.loaded = False
        self.job = runner.start(Job("open image", decode_for_viewer, path, with_progress=False, with_cancel=False),
                                on_finished=self._show, on_failed=self._fail)

    def _show(self, image: QImage) -> None:
        self.view.set_image(image)
        self.loaded = True
        self.region_button.setEnabled(self.original_size is not None)
        self.status.setText(translate("ImageViewer", "{width}×{height} shown — wheel or +/- to zoom, drag to "
                                                     "pan, 0 to fit").format(
            width=image.width(), height=image.height()))
        if self.found is not None and self.original_size is not None:
            pen = QPen(REGION_COLOR, 3)
            pen.setCosmetic(True)  # 3 screen pixels at any zoom
            self.found_item = self.view.scene().addRect(self._shown_rect(self.found), pen)
            self.status.setText(translate("ImageViewer", "Region found at x,y,w,h = {found} (yellow box); ").format(
                found=self.found) + self.status.text())

    def _fail(self, message: str) -> None:
        self.status.setText(translate("ImageViewer", "Cannot open: {message}").format(message=error_text(message)))

    def _drawing(self, on: bool) -> None:
        self.view.setDragMode(QGraphicsView.DragMode.RubberBandDrag if on else QGraphicsView.DragMode.ScrollHandDrag)
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.OpenHandCursor)
        if on:
            self.status.setText(translate("ImageViewer", "Drag a box around the detail to search with; R or "
                                                         "the button again to cancel"))

    def _band_drawn(self, a: QPointF, b: QPointF) -> None:
        if self.region_button.isChecked():
            self.choose_region(a, b)

    def choose_region(self, a: QPointF, b: QPointF) -> Box | None:
        """The region between scene points ``a`` and ``b``: shown on the image and emitted in original pixels."""
        pixmap = self.view.item.pixmap()
        if self.original_size is None or pixmap.isNull():
            return None
        displayed = (pixmap.width(), pixmap.height())
        box = region_from_scene((a.x(), a.y()), (b.x(), b.y()), displayed, self.original_size)
        self.region_button.setChecked(False)
        if box is None:
            self.status.setText(translate("ImageViewer", "That box is outside the image: draw it on the "
                                                         "picture"))
            return None
        shown = self._shown_rect(box)
        if self.region_item is None:
            self.region_item = self.view.scene().addRect(shown, QPen(REGION_COLOR, 0))
        else:
            self.region_item.setRect(shown)
        self.status.setText(translate("ImageViewer", "Searching with region x,y,w,h = {box} (pixels of the "
                                                     "original image)").format(box=box))
        self.region_chosen.emit(box)
        return box

    def _shown_rect(self, box: Box) -> QRectF:
        """``box`` (original pixels) in the scene (pixels of the image as decoded for display)."""
        pixmap = self.view.item.pixmap()
        return region_rect(QRect(0, 0, pixmap.width(), pixmap.height()), box, self.original_size)

"""Image viewer: the picture with zoom (wheel, +/-) and pan (drag), beside its metadata."""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut, QTextOption, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.records import ImageRow
from heritage_explorer.gui.workers import Job, JobRunner

VIEWER_MAX_SIDE = 3072  # decoded size: enough to zoom into a scan without holding the full master


def decode_for_viewer(path: str | Path, max_side: int = VIEWER_MAX_SIDE) -> QImage:
    """Decode in a worker thread (QImage, unlike QPixmap, may be made off the GUI thread)."""
    rgb = np.ascontiguousarray(load_rgb(path, max_side))
    height, width, _ = rgb.shape
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def viewer_fields(row: ImageRow) -> list[tuple[str, str]]:
    """What the viewer lists beside an image: catalog fields, then its metadata, sorted."""
    fields = [("id", str(row.id)), ("path", str(row.abspath)), ("class", row.group or "—"),
              ("status", row.status + (f" ({row.error})" if row.error else "")),
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
    """A graphics view that zooms under the mouse with the wheel and pans by dragging."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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


class ImageViewer(QDialog):
    """Opens one catalog image; decoding happens in ``runner``'s pool, never on the GUI thread."""

    def __init__(self, runner: JobRunner, path: str, metadata: list[tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        # closed is gone: the window opens one per double-click, a day of them must not pile up as its children
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(Path(path).name)
        self.resize(1100, 750)
        self.view = ZoomView()
        self.status = QLabel("Loading…")
        self.metadata = list(metadata)
        self.fields = metadata_view(self.metadata)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.fields)
        splitter.setSizes([800, 300])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.view.zoom(1.25)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.view.zoom(0.8)),
                           ("0", self.view.fit)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.loaded = False
        self.job = runner.start(Job("open image", decode_for_viewer, path, with_progress=False, with_cancel=False),
                                on_finished=self._show, on_failed=self._fail)

    def _show(self, image: QImage) -> None:
        self.view.set_image(image)
        self.loaded = True
        self.status.setText(f"{image.width()}×{image.height()} shown — wheel or +/- to zoom, drag to pan, 0 to fit")

    def _fail(self, message: str) -> None:
        self.status.setText(f"Cannot open: {message}")

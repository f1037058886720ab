"""A large picture that fits its box, decoded in a worker, with a few recent decodes kept for quick flipping."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.widgets.image_viewer import decode_for_viewer
from heritage_explorer.gui.workers import Job, JobRunner

PREVIEW_SIDE = 900  # decoded size: sharp at the sizes a panel gives, small enough to decode quickly
CACHED_PREVIEWS = 12


class PreviewCache:
    """Decoded previews by image id (least recently used dropped), shared by the previews of a panel."""

    def __init__(self, runner: JobRunner, capacity: int = CACHED_PREVIEWS):
        self.runner = runner
        self.capacity = capacity
        self.images: OrderedDict[int, QImage] = OrderedDict()
        self.pending: dict[int, Job] = {}
        self.generation = 0  # bumped by clear(): decodes started before it are dropped (ids of another project)

    def get(self, image_id: int) -> QImage | None:
        image = self.images.get(image_id)
        if image is not None:
            self.images.move_to_end(image_id)
        return image

    def load(self, image_id: int, path: str, on_done, on_failed) -> None:
        """Decode ``path`` in a worker unless cached; ``on_done(image_id, QImage)`` either way."""
        image = self.get(image_id)
        if image is not None:
            on_done(image_id, image)
            return
        job = Job("preview", decode_for_viewer, path, PREVIEW_SIDE, with_progress=False, with_cancel=False)
        self.pending[image_id] = job
        generation = self.generation
        self.runner.start(job, on_finished=lambda img: self._store(generation, image_id, img, on_done),
                          on_failed=lambda message: generation == self.generation and (
                              self.pending.pop(image_id, None), on_failed(image_id, message)))

    def _store(self, generation: int, image_id: int, image: QImage, on_done) -> None:
        if generation != self.generation:
            return  # decoded for the project shown before clear(): the same id may be another image now
        self.pending.pop(image_id, None)
        self.images[image_id] = image
        while len(self.images) > self.capacity:
            self.images.popitem(last=False)
        on_done(image_id, image)

    def clear(self) -> None:
        self.generation += 1
        self.images.clear()
        self.pending.clear()


class ImagePreview(QWidget):
    """A title above a picture scaled to fit (aspect kept); shows one image id at a time."""

    def __init__(self, title: str, cache: PreviewCache, parent: QWidget | None = None):
        super().__init__(parent)
        self.cache = cache
        self.image_id: int | None = None
        self.image: QImage | None = None
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(QSize(160, 120))
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setStyleSheet("background: #2b2b2b; color: #ddd;")
        self.picture.setWordWrap(True)  # a placeholder longer than the box wraps instead of being cut
        self.caption = QLabel()
        self.caption.setWordWrap(False)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)

    def show_image(self, image_id: int | None, path: str = "", caption: str = "", empty_text: str = "") -> None:
        self.image_id = image_id
        self.caption.setText(caption)
        self.image = None
        self.picture.setPixmap(QPixmap())
        if image_id is None:
            self.picture.setText(empty_text)
            return
        self.picture.setText(translate("ImagePreview", "Loading…"))
        self.cache.load(image_id, path, self._loaded, self._failed)

    def _loaded(self, image_id: int, image: QImage) -> None:
        if image_id == self.image_id:
            self.image = image
            self.picture.setText("")
            self._rescale()

    def _failed(self, image_id: int, message: str) -> None:
        if image_id == self.image_id:
            self.picture.setText(translate("ImagePreview", "Cannot show this image:\n{message}").format(
                message=error_text(message)))

    def _rescale(self) -> None:
        if self.image is None:
            return
        size = self.picture.size()
        scaled = self.image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._rescale()

"""Images that arrive by drag and drop or through the clipboard, as files to query with."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QImage

from heritage_explorer.core.imageio import is_image_name


def image_file(mime: QMimeData | None) -> str | None:
    """The first local image file named by ``mime`` (dropped or copied files), or ``None``."""
    if mime is None:
        return None
    for url in mime.urls():
        if url.isLocalFile() and is_image_name(url.toLocalFile()):
            return url.toLocalFile()
    return None


def dropped_folder(mime: QMimeData | None) -> str | None:
    """The first local folder named by ``mime`` (a dropped folder), or ``None``."""
    if mime is None:
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).is_dir():
            return url.toLocalFile()
    return None


def clipboard_image(save_dir: Path | None) -> str | None:
    """The clipboard as an image file: a copied file, or copied pixels saved as PNG in ``save_dir``."""
    mime = QGuiApplication.clipboard().mimeData()
    path = image_file(mime)
    if path is None and mime is not None and mime.hasImage() and save_dir is not None:
        image = QImage(mime.imageData())
        target = save_dir / f"pasted-{time.strftime('%Y%m%d-%H%M%S')}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.isNull() and image.save(str(target)):
            path = str(target)
    return path

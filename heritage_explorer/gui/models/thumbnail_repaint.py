"""The wiring between a model and the window's thumbnail loader, kept in one place.

A model asks :meth:`ThumbnailLoader.get` from ``data(DecorationRole)``; the loader answers later
with ``loaded(image_id)``. :class:`ThumbnailRepaint` listens to that signal for its model, gathers
the images that arrived and hands them on in one batch per event-loop turn (``arrived``), so a
screen of thumbnails arriving together costs one repaint pass, not one per image.
:class:`ShowsThumbnails` gives a model the ``loader`` / ``set_loader`` the views call.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader

FLUSH_MS = 15  # how long arrivals are gathered before the model repaints them


class ThumbnailRepaint(QObject):
    """Listens to one loader at a time for ``model`` (its parent) and emits ``arrived(image_ids)``,
    the set of images whose thumbnails came since the last batch."""

    arrived = Signal(object)  # set[int]

    def __init__(self, model: QObject):
        super().__init__(model)
        self.loader: ThumbnailLoader | None = None
        self._dirty: set[int] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)

    def set_loader(self, loader: ThumbnailLoader | None) -> None:
        """Listen to ``loader`` (None: to none), letting go of the previous loader's signal: the
        loader lives as long as the window, the model may close before it."""
        if self.loader is not None:
            self.loader.loaded.disconnect(self._on_loaded)
        self.loader = loader
        if loader is not None:
            loader.loaded.connect(self._on_loaded)

    def _on_loaded(self, image_id: int) -> None:
        self._dirty.add(image_id)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        dirty, self._dirty = self._dirty, set()
        self.arrived.emit(dirty)


class ShowsThumbnails:
    """Mixin of the item models that paint the loader's thumbnails: ``loader`` and ``set_loader``,
    the wiring kept by a :class:`ThumbnailRepaint` child that :meth:`_listen_for_thumbnails` makes
    (from the model's ``__init__``, given the model's repaint of a batch of image ids)."""

    _thumbnails: ThumbnailRepaint

    def _listen_for_thumbnails(self, repaint: Callable[[set[int]], None]) -> None:
        self._thumbnails = ThumbnailRepaint(self)  # type: ignore[arg-type]  (the model is the QObject)
        self._thumbnails.arrived.connect(repaint)

    @property
    def loader(self) -> ThumbnailLoader | None:
        return self._thumbnails.loader

    def set_loader(self, loader: ThumbnailLoader | None) -> None:
        """Take thumbnails from ``loader`` (None: none, and the old loader's signal let go)."""
        self._thumbnails.set_loader(loader)

"""A QListView set up for large thumbnail grids and single result rows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from heritage_explorer.gui.delegates.thumbnail import PAD, ThumbnailDelegate


class ThumbnailGrid(QListView):
    """Icon-mode list view: uniform cells (so 100,000 rows lay out instantly), static, per-pixel scroll.

    With ``single_row`` the cells flow left to right on one line with a horizontal scroll bar:
    one row of results in the comparison view.
    """

    def __init__(self, parent: QWidget | None = None, *, size: int = 128, single_row: bool = False,
                 caption_lines: int = 2):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(1000)  # 100,000 cells are laid out over ~50 event-loop turns, never in one stall
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.setSpacing(2)
        self.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.setAcceptDrops(False)  # a dropped file goes to the window, which searches with it
        self.viewport().setAcceptDrops(False)
        self.thumbnail_delegate = ThumbnailDelegate(self, size=size, caption_lines=caption_lines)
        self.setItemDelegate(self.thumbnail_delegate)
        if single_row:
            self.setFlow(QListView.Flow.LeftToRight)
            self.setWrapping(False)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.single_row = single_row
        self.verticalScrollBar().setSingleStep(max(8, size // 4))
        self._fit_height()

    def set_thumbnail_size(self, size: int) -> None:
        self.thumbnail_delegate.set_size(size)
        model = self.model()
        if model is not None and hasattr(model, "set_thumbnail_size"):
            model.set_thumbnail_size(size)
        self.verticalScrollBar().setSingleStep(max(8, size // 4))
        self._fit_height()
        self.scheduleDelayedItemsLayout()

    def _fit_height(self) -> None:
        """A single row is exactly one cell high (plus its scroll bar)."""
        if self.single_row:
            delegate = self.thumbnail_delegate
            cell = delegate.size + 2 * PAD + self.fontMetrics().height() * delegate.caption_lines
            self.setFixedHeight(cell + self.horizontalScrollBar().sizeHint().height() + 2 * self.frameWidth() + 6)

    def visible_rows(self) -> range:
        """Rows whose cells are on screen (first to last, in model order), clipped by scroll areas."""
        model = self.model()
        viewport = self.viewport().visibleRegion().boundingRect()
        if model is None or model.rowCount() == 0 or viewport.isEmpty():
            return range(0)
        first = self.indexAt(QPoint(viewport.left() + 4, viewport.top() + 4))
        last = self.indexAt(QPoint(viewport.right() - 4, viewport.bottom() - 4))
        start = first.row() if first.isValid() else 0
        if last.isValid():
            end = last.row()
        else:
            end = start
            while end + 1 < model.rowCount() and self.visualRect(model.index(end + 1, 0)).intersects(viewport):
                end += 1
        return range(start, end + 1)

"""Methods side by side: one synchronised row of top-k results per method, with AP and hover links."""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.thumbnails import ResultItem, Roles
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.widgets.judging import JudgedResultsModel, show_judgments
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.pipeline.comparison import Comparison, MethodRow, relation


class CompareRow(QWidget):
    """A method's name and AP above one row of results."""

    def __init__(self, row: MethodRow, parent: QWidget | None = None, *, thumbnail_size: int = 112):
        super().__init__(parent)
        self.method_row = row
        self.header = QLabel()
        self.model = JudgedResultsModel(self, thumbnail_size=thumbnail_size)
        self.view = ThumbnailGrid(self, size=thumbnail_size, single_row=True, caption_lines=2)  # file names
        self.view.setModel(self.model)
        show_judgments(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(1)
        layout.addWidget(self.header)
        layout.addWidget(self.view)

    @property
    def spec(self) -> str:
        return self.method_row.spec

    def fill(self, comparison: Comparison) -> None:
        row = self.method_row
        if row.error:
            self.header.setText(f"<b>{row.spec}</b> — <span style='color:#a33'>{error_text(row.error)}</span>")
            self.model.set_items([])
            return
        ap = f"AP {row.ap:.3f}" if row.ap is not None else translate("CompareView", "AP — (query without class)")
        self.header.setText(f"<b>{row.spec}</b> — {ap}")
        items = []
        for rank, (image_id, score) in enumerate(row.top, 1):
            path, sha = comparison.paths.get(image_id, ("", None))
            group = comparison.groups.get(image_id)
            items.append(ResultItem(image_id, path, sha, group, rank, score, relation(comparison.query_class, group),
                                    row.inliers))
        self.model.set_items(items, comparison.query_id)


class CompareView(QWidget):
    """Rows for the methods ticked in the "Methods" menu; hovering an image shows its rank everywhere.

    A selected result can be judged with the keys of the Results view (``widgets/judging.py``).
    """

    methods_changed = Signal(list)
    open_image = Signal(int)
    rows_changed = Signal()  # rows made or removed (a new comparison, or cleared)

    def __init__(self, parent: QWidget | None = None, *, thumbnail_size: int = 112):
        super().__init__(parent)
        self.thumbnail_size = thumbnail_size
        self.loader: ThumbnailLoader | None = None
        self.comparison: Comparison | None = None
        self.rows: list[CompareRow] = []
        self.menu = QMenu(self)
        self.methods_button = QToolButton()
        self.methods_button.setText(translate("CompareView", "Methods"))
        self.methods_button.setToolTip(translate("CompareView", "Methods to compare (those with descriptors "
                                                                "in this project)"))
        self.methods_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.methods_button.setMenu(self.menu)
        self.hover_label = QLabel(translate("CompareView", "Hover an image to see its rank with every method."))
        top = QHBoxLayout()
        top.addWidget(self.methods_button)
        top.addWidget(self.hover_label, 1)
        self.rows_widget = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self._syncing = False

    def set_loader(self, loader: ThumbnailLoader | None) -> None:
        self.loader = loader
        for row in self.rows:
            row.model.set_loader(loader)

    # -- which methods -----------------------------------------------------------------------------
    def set_available(self, specs: list[str], selected: list[str]) -> None:
        self.menu.clear()
        for spec in specs:
            action = QAction(spec, self.menu)
            action.setCheckable(True)
            action.setChecked(spec in selected)
            action.toggled.connect(lambda _checked: self.methods_changed.emit(self.selected()))
            self.menu.addAction(action)
        self.methods_button.setText(translate("CompareView", "Methods ({count})").format(
            count=len(self.selected())))

    def selected(self) -> list[str]:
        return [a.text() for a in self.menu.actions() if a.isChecked()]

    # -- rows --------------------------------------------------------------------------------------
    def clear(self) -> None:
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        self.comparison = None
        self.hover_label.setText(translate("CompareView", "Hover an image to see its rank with every method."))
        self.rows_changed.emit()

    def show_comparison(self, comparison: Comparison) -> None:
        self.clear()
        self.comparison = comparison
        self.methods_button.setText(translate("CompareView", "Methods ({count})").format(
            count=len(self.selected())))
        for method_row in comparison.rows:
            row = CompareRow(method_row, self.rows_widget, thumbnail_size=self.thumbnail_size)
            row.model.set_loader(self.loader)
            row.fill(comparison)
            row.view.entered.connect(self._hover)
            row.view.viewport().installEventFilter(self)
            row.view.doubleClicked.connect(self._open)
            row.view.horizontalScrollBar().valueChanged.connect(self._sync_scroll)
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            self.rows.append(row)
        self.rows_changed.emit()

    def _sync_scroll(self, value: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        for row in self.rows:
            row.view.horizontalScrollBar().setValue(value)
        self._syncing = False

    def highlight(self, image_id: int | None) -> dict[str, int | None]:
        """Highlight ``image_id`` in every row; returns its rank per method (None: not ranked)."""
        ranks: dict[str, int | None] = {}
        for row in self.rows:
            row.model.set_highlighted(image_id)
            ranks[row.spec] = row.method_row.rank_of(image_id) if image_id is not None else None
        if image_id is None:
            self.hover_label.setText(translate("CompareView", "Hover an image to see its rank with every "
                                                              "method."))
        else:
            parts = [f"{spec}: #{rank}" if rank else f"{spec}: —" for spec, rank in ranks.items()]
            group = self.comparison.groups.get(image_id) if self.comparison else None
            path = self.comparison.paths.get(image_id, ("",))[0] if self.comparison else ""
            name = os.path.basename(path) or translate("CompareView", "image #{id}").format(id=image_id)
            self.hover_label.setText(translate("CompareView", "{name} ({group}) — rank ").format(
                name=name, group=group or translate("CompareView", "no class")) + ", ".join(parts))
        return ranks

    def _hover(self, index: QModelIndex) -> None:
        self.highlight(int(index.data(Roles.ImageId)) if index.isValid() else None)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_image.emit(int(index.data(Roles.ImageId)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Leave:
            self.highlight(None)
        return super().eventFilter(watched, event)

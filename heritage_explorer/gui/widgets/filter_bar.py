"""Filter the collection grid by class and by text in path and metadata; pick the thumbnail size."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.models.thumbnails import ALL_CLASSES
from heritage_explorer.gui.settings import THUMBNAIL_SIZES
from heritage_explorer.gui.widgets.combos import refill_combo


class FilterBar(QWidget):
    """Emits ``filter_changed(class, text)`` (text debounced) and ``size_changed(pixels)``."""

    filter_changed = Signal(str, str)
    size_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent)
        self.class_combo = QComboBox()
        self.class_combo.setMinimumContentsLength(14)
        self.class_combo.setToolTip(translate("FilterBar", "Show one class (label) only"))
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(translate("FilterBar", "Filter: words of the file name, class or "
                                                                 "metadata…"))
        self.text_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.size_combo = QComboBox()
        self.size_combo.setToolTip(translate("FilterBar", "Thumbnail size"))
        for size in THUMBNAIL_SIZES:
            self.size_combo.addItem(translate("FilterBar", "{size} px").format(size=size), size)
        self.size_combo.setCurrentIndex(THUMBNAIL_SIZES.index(thumbnail_size) if thumbnail_size in THUMBNAIL_SIZES else 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(translate("FilterBar", "Class:")))
        layout.addWidget(self.class_combo)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.size_combo)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._emit)
        self.text_edit.textChanged.connect(lambda _: self._debounce.start())
        self.class_combo.currentIndexChanged.connect(lambda _: self._emit())
        self.size_combo.currentIndexChanged.connect(lambda _: self.size_changed.emit(self.size_combo.currentData()))

    def set_classes(self, classes: list[str]) -> None:
        refill_combo(self.class_combo, [translate("CatalogModel", ALL_CLASSES), *classes], self.class_combo.currentText())

    def set_counts(self, shown: int, total: int) -> None:
        self.count_label.setText(translate("FilterBar", "{shown:,} of {total:,} images").format(
            shown=shown, total=total) if shown != total else translate("FilterBar",
            "{total:,} images").format(total=total))

    def step_size(self, step: int) -> None:
        index = min(max(self.size_combo.currentIndex() + step, 0), self.size_combo.count() - 1)
        self.size_combo.setCurrentIndex(index)

    def _emit(self) -> None:
        self.filter_changed.emit(self.class_combo.currentText(), self.text_edit.text())

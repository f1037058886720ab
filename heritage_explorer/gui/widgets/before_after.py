"""Before / after adaptation (issue #19 part 5): a method and its adaptation side by side.

The dashboard's page for ``BASE`` against ``BASE+adapt:NAME``: global and class mAP with the
evaluation protocol of each (an adaptation learned with labels is evaluated on class-disjoint
folds, ``pipeline.adapt.evaluation_protocol``), the mAP of each class before and after with the
difference (Table 3's numbers), and Table 1 (Pearson r over the annotated classes between each
variation's predominance and the mAP) for both, as two columns of one heatmap. The numbers are
those of the dashboard's :class:`~heritage_explorer.pipeline.analysis.DashboardData`; nothing is
computed here.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.evaluation.variations import format_value
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.widgets.combos import refill_combo
from heritage_explorer.gui.widgets.plots import HeatmapWidget
from heritage_explorer.pipeline.analysis import DashboardData

BEFORE, AFTER = QT_TRANSLATE_NOOP("BeforeAfter", "before"), QT_TRANSLATE_NOOP("BeforeAfter", "after")
CLASS_COLUMNS = (QT_TRANSLATE_NOOP("BeforeAfter", "Class"), "#", QT_TRANSLATE_NOOP("BeforeAfter", "mAP before"),
                 QT_TRANSLATE_NOOP("BeforeAfter", "mAP after"), QT_TRANSLATE_NOOP("BeforeAfter", "difference"))
GAIN, LOSS = QColor("#1b7f3b"), QColor("#b3261e")
NO_PAIR = QT_TRANSLATE_NOOP("BeforeAfter", "No adaptation to compare with its base: run Analyse ▸ Adapt to this collection…, and tick both "
           "the base method and its adaptation in Methods.")
PROTOCOL_NOTES = {
    "pretrained": QT_TRANSLATE_NOOP("BeforeAfter", "nothing learned on this collection"),
    "transductive-unsupervised": QT_TRANSLATE_NOOP("BeforeAfter", "learned on this collection without labels"),
}


def protocol_text(protocol: str) -> str:
    if protocol.startswith("class-disjoint"):
        return translate("BeforeAfter", "{protocol}: each query ranked by a model that never saw its class's "
                         "labels").format(protocol=protocol)
    note = PROTOCOL_NOTES.get(protocol)
    return f"{protocol} ({translate('BeforeAfter', note)})" if note else protocol


def _cell(text: str, *, number: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _titled(title: str, content: QWidget) -> QWidget:
    """``content`` under its bold title, without margins (one half of the page's splitter)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(title))
    layout.addWidget(content, 1)
    return box


class BeforeAfterView(QWidget):
    """One adaptation against its base; :meth:`set_data` takes the dashboard's numbers.
    *Mined pairs…* asks for the pairs the adaptation shown learned from (:attr:`pairs_requested`)."""

    pairs_requested = Signal(str)  # the adapted spec shown

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: DashboardData | None = None
        self.wanted: str | None = None  # the adaptation to show once its numbers arrive
        self.combo = QComboBox()
        self.combo.setToolTip(translate("BeforeAfter", "The adaptation shown, against the method it adapts"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentTextChanged.connect(self._show)
        self.summary = QLabel(translate("BeforeAfter", NO_PAIR))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.classes = QTableWidget(0, len(CLASS_COLUMNS))
        self.classes.setHorizontalHeaderLabels([translate("BeforeAfter", title) for title in CLASS_COLUMNS])
        self.classes.verticalHeader().hide()
        self.classes.verticalHeader().setDefaultSectionSize(20)
        self.classes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.classes.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.heatmap = HeatmapWidget()
        self.heatmap.setToolTip(translate("BeforeAfter", "Table 1 before and after: Pearson r over the annotated classes between each "
                                "variation's predominance score and the mAP"))
        table_box = _titled(translate("BeforeAfter", "<b>mAP per class</b>, before and after (Table 3)"),
                            self.classes)
        heatmap_box = _titled(translate("BeforeAfter", "<b>Table 1</b> before and after: r(variation, mAP)"),
                              self.heatmap)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(table_box)
        split.addWidget(heatmap_box)
        split.setSizes([420, 420])
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("BeforeAfter", "Adaptation:")))
        top.addWidget(self.combo)
        top.addStretch(1)
        self.pairs_button = QPushButton(translate("BeforeAfter", "Mined pairs…"))
        self.pairs_button.setToolTip(translate("BeforeAfter", "The verified pairs this adaptation learned from, "
                                                              "with their inlier counts"))
        self.pairs_button.clicked.connect(self._request_pairs)
        top.addWidget(self.pairs_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.set_data(None)

    @staticmethod
    def pairs(data: DashboardData | None) -> list[str]:
        """The adapted specs of ``data`` whose base was evaluated with them."""
        if data is None:
            return []
        return [s for s in data.specs if data.adapted_bases.get(s) in data.specs]

    def set_data(self, data: DashboardData | None) -> None:
        self.data = data
        adapted = self.pairs(data)
        keep = next((s for s in (self.wanted, self.combo.currentText()) if s in adapted), adapted[-1] if adapted else None)
        refill_combo(self.combo, adapted, keep)
        self.combo.setEnabled(len(adapted) > 1)
        self._show(self.combo.currentText())

    def select(self, spec: str) -> None:
        """Show ``spec`` (an adaptation), now if its numbers are there, else when they arrive."""
        self.wanted = spec
        if spec in self.pairs(self.data):
            self.combo.setCurrentText(spec)

    @property
    def shown(self) -> tuple[str, str] | None:
        """(base, adaptation) on screen, or None."""
        spec = self.combo.currentText()
        return (self.data.adapted_bases[spec], spec) if self.data is not None and spec in self.pairs(self.data) \
            else None

    def _request_pairs(self) -> None:
        if self.shown is not None:
            self.pairs_requested.emit(self.shown[1])

    def _show(self, _spec: str = "") -> None:
        pair = self.shown
        self.pairs_button.setEnabled(pair is not None)
        self.classes.setRowCount(0)
        if pair is None:
            self.summary.setText(translate("BeforeAfter", NO_PAIR))
            self.heatmap.clear(translate("BeforeAfter", "No adaptation shown."))
            return
        data, (base, adapted) = self.data, pair
        before, after = data.results[base], data.results[adapted]
        self.summary.setText(
            translate("BeforeAfter", "<b>{base}</b> → <b>{adapted}</b>: global mAP {before} → {after} "
                                     "({difference}), class mAP {class_before} → {class_after}, {n_queries} "
                                     "queries.<br>Protocol: before {protocol_before}; after {protocol_after}.").format(
                base=base, adapted=adapted, before=format_value(before.global_map),
                after=format_value(after.global_map),
                difference=format_value(after.global_map - before.global_map, signed=True),
                class_before=format_value(before.mean_class_map),
                class_after=format_value(after.mean_class_map), n_queries=after.n_queries,
                protocol_before=protocol_text(data.protocols.get(base, '?')),
                protocol_after=protocol_text(data.protocols.get(adapted, '?'))))
        self.classes.setRowCount(len(data.table.rows))
        for row, klass in enumerate(data.table.rows):
            a, b = klass.maps.get(base, math.nan), klass.maps.get(adapted, math.nan)
            difference = b - a
            cells = [_cell(klass.name, number=False), _cell("" if klass.count is None else str(klass.count)),
                     _cell(format_value(a)), _cell(format_value(b)), _cell(format_value(difference, signed=True))]
            if math.isfinite(difference) and abs(difference) >= 0.0005:
                cells[-1].setForeground(QBrush(GAIN if difference > 0 else LOSS))
            for column, cell in enumerate(cells):
                self.classes.setItem(row, column, cell)
        correlation = data.correlation
        if correlation is None or base not in correlation.methods or adapted not in correlation.methods:
            self.heatmap.clear(translate("BeforeAfter", "No Table 1: no class has variation annotations (annotate "
                                         "classes in the Annotate variations tab)."))
            return
        before, after = translate("BeforeAfter", BEFORE), translate("BeforeAfter", AFTER)  # the column titles
        values = {r: {before: correlation.values[r][base], after: correlation.values[r][adapted]}
                  for r in correlation.rows}
        self.heatmap.set_values(correlation.rows, (before, after), values)

"""The evaluation dashboard: Table 3 (per-class mAP, variations, top-3 in green), global and revisited
mAP, Table 2 (original vs grayscale) and the Table 1 heatmap, whose cells open a scatter of the classes;
a second page sets an adaptation beside its base (``before_after.py``).

Gominski et al. 2019: Table 3 (§4, the three best mAPs of a class from dark to light green),
Table 1 (§4.1, Pearson r over classes between a variation's predominance scores and a method's
mAP), Table 2 (§4.2.4). The numbers come ready-made in a :class:`pipeline.analysis.DashboardData`
computed in a worker; this widget only shows them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QItemSelection,
    QItemSelectionModel,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.annotations import OVERALL, VARIATIONS
from heritage_explorer.evaluation.tables import (
    RANK_COLOURS,
    RANK_TEXT_COLOURS,
    ClassResultsTable,
)
from heritage_explorer.evaluation.variations import format_value
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.vocabulary import rank_name, row_name, variation_abbreviation, variation_name
from heritage_explorer.gui.widgets.before_after import BeforeAfterView
from heritage_explorer.gui.widgets.plots import HeatmapWidget
from heritage_explorer.gui.widgets.scatter_plot import ScatterPoint, ScatterWidget
from heritage_explorer.pipeline.analysis import DashboardData, adapted_base

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CLASS_ROLE = Qt.ItemDataRole.UserRole + 2
MISSING = -math.inf  # sorts after every number in descending order
SCATTER_HINT = QT_TRANSLATE_NOOP("Dashboard", "Click a cell of the heatmap: its classes appear here, one "
                                              "point each (click one to open it).")


def _number_item(value: float | None, text: str | None = None) -> QStandardItem:
    finite = value is not None and math.isfinite(value)
    item = QStandardItem(format_value(value) if text is None else text)
    item.setData(float(value) if finite else MISSING, SORT_ROLE)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ClassTableModel(QStandardItemModel):
    """Table 3 as items: one row per class; the top-3 mAP cells carry the paper's greens."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.methods: tuple[str, ...] = ()

    def method_column(self, method: str) -> int:
        return 2 + self.methods.index(method)

    def set_table(self, table: ClassResultsTable) -> None:
        self.clear()
        self.methods = table.methods
        mean_tip = translate("Dashboard", "mAP of {method} on the class's queries")
        headers = [(translate("Dashboard", "Class"), ""), ("#", translate("Dashboard", "images of the class")),
                   *((spec, mean_tip.format(method=spec)) for spec in table.methods),
                   (translate("Dashboard", "Avg"), translate("Dashboard", "mean mAP of the methods shown")),
                   *((variation_abbreviation(v), translate("Dashboard", "{variation}: predominance score 0–3 (§2.2)")
                      .format(variation=variation_name(v))) for v in VARIATIONS),
                   (translate("Dashboard", "Overall"), translate("Dashboard", "{overall}: the sum of the 11 scores")
                    .format(overall=row_name(OVERALL)))]
        for column, (name, tip) in enumerate(headers):
            # made here, not by setHorizontalHeaderLabels: a wrapper of a C++-made header item
            # outlives clear() and is handed back for the next object at its address (issue #16)
            header = QStandardItem(name)
            header.setToolTip(tip)
            self.setHorizontalHeaderItem(column, header)
        for row in table.rows:
            top = row.top_methods()
            name = QStandardItem(row.name)
            name.setData(row.name, SORT_ROLE)
            cells = [name, _number_item(row.count, "" if row.count is None else str(row.count))]
            for method in table.methods:
                cell = _number_item(row.maps.get(method))
                if method in top:
                    rank = top.index(method)
                    cell.setBackground(QBrush(QColor(RANK_COLOURS[rank])))
                    cell.setForeground(QBrush(QColor(RANK_TEXT_COLOURS[rank])))
                    cell.setToolTip(translate("Dashboard", "{rank} on {name}").format(
                        rank=rank_name(rank), name=row.name))
                cells.append(cell)
            cells.append(_number_item(row.average))
            scores = row.scores or {}
            cells += [_number_item(scores.get(v), str(scores[v]) if v in scores else "–") for v in VARIATIONS]
            cells.append(_number_item(row.overall, "–" if row.overall is None else str(row.overall)))
            for cell in cells:
                cell.setEditable(False)
                cell.setData(row.name, CLASS_ROLE)
            self.appendRow(cells)


class DashboardView(QWidget):
    """Emits ``methods_changed(specs)`` when the ticked methods change, ``class_opened(name)`` when a
    scatter point is clicked, ``refresh_requested`` for the Recompute button."""

    methods_changed = Signal(list)
    class_opened = Signal(str)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: DashboardData | None = None
        self.scatter_cell: tuple[str, str] | None = None
        self._filling = False
        self.methods_list = QListWidget()
        self.methods_list.setToolTip(translate("Dashboard", "Methods to evaluate (those with descriptors in "
                                                            "this project)"))
        self.methods_list.itemChanged.connect(self._methods_ticked)
        self.refresh_button = QPushButton(translate("Dashboard", "Recompute"))
        self.refresh_button.setToolTip(translate("Dashboard", "Evaluate again (F5); it also happens by itself when annotations, "
                                       "judgments or descriptors change"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.status = QLabel(translate("Dashboard", "Open a project with extracted methods."))
        self.status.setWordWrap(True)
        self.global_table = self._small_table()
        self.gray_label = QLabel(translate("Dashboard", "<b>Original vs grayscale</b> (Table 2)"))
        self.gray_table = self._small_table()
        self.class_model = ClassTableModel(self)
        self.class_proxy = QSortFilterProxyModel(self)
        self.class_proxy.setSourceModel(self.class_model)
        self.class_proxy.setSortRole(SORT_ROLE)
        self.class_view = QTableView()
        self.class_view.setModel(self.class_proxy)
        self.class_view.setSortingEnabled(True)
        self.class_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.class_view.verticalHeader().hide()
        self.class_view.verticalHeader().setDefaultSectionSize(22)
        self.class_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.heatmap = HeatmapWidget()
        self.heatmap.setToolTip(translate("Dashboard", "Pearson r over the annotated classes (Table 1); "
                                                       "click a cell"))
        self.heatmap.cell_clicked.connect(self.show_scatter)
        self.scatter = ScatterWidget()
        self.scatter.clear(translate("Dashboard", SCATTER_HINT))
        self.scatter.point_clicked.connect(lambda key: self.open_class(str(key)))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top_row = QHBoxLayout()
        top_row.addWidget(QLabel(translate("Dashboard", "<b>Methods</b>")), 1)
        top_row.addWidget(self.refresh_button)
        left_layout.addLayout(top_row)
        left_layout.addWidget(self.methods_list, 1)
        left_layout.addWidget(QLabel(translate("Dashboard", "<b>Global mAP</b>")))
        left_layout.addWidget(self.global_table, 1)
        left_layout.addWidget(self.gray_label)
        left_layout.addWidget(self.gray_table, 1)
        left_layout.addWidget(self.status)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(QLabel(translate("Dashboard", "<b>mAP per class</b> (Table 3) — three best methods of each class in dark to "
                                       "light green; variation scores 0–3; click a header to sort")))
        plots = QSplitter(Qt.Orientation.Horizontal)
        plots.addWidget(self.heatmap)
        plots.addWidget(self.scatter)
        plots.setSizes([330, 360])
        table_and_plots = QSplitter(Qt.Orientation.Vertical)
        table_and_plots.addWidget(self.class_view)
        table_and_plots.addWidget(plots)
        table_and_plots.setSizes([200, 300])
        middle_layout.addWidget(table_and_plots, 1)
        self.before_after = BeforeAfterView()
        self.pages = QTabWidget()
        self.pages.addTab(middle, translate("Dashboard", "All methods"))
        self.pages.addTab(self.before_after, translate("Dashboard", "Before / after adaptation"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)
        self._show_grayscale({}, {})

    @staticmethod
    def _small_table() -> QTableWidget:
        table = QTableWidget(0, 0)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setDefaultSectionSize(20)
        return table

    # -- methods -------------------------------------------------------------------------------
    def set_methods(self, available: Sequence[str], checked: Sequence[str]) -> None:
        self._filling = True
        self.methods_list.clear()
        for spec in available:
            item = QListWidgetItem(spec)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if spec in checked else Qt.CheckState.Unchecked)
            self.methods_list.addItem(item)
        self._filling = False

    def checked_methods(self) -> list[str]:
        return [self.methods_list.item(i).text() for i in range(self.methods_list.count())
                if self.methods_list.item(i).checkState() == Qt.CheckState.Checked]

    def _methods_ticked(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self.methods_changed.emit(self.checked_methods())

    # -- data ----------------------------------------------------------------------------------
    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def clear(self, text: str) -> None:
        self.data = None
        self.class_model.clear()
        self.global_table.setRowCount(0)
        self._show_grayscale({}, {})
        self.heatmap.clear()
        self.scatter.clear(translate("Dashboard", SCATTER_HINT))
        self.before_after.set_data(None)
        self.set_status(text)

    def set_data(self, data: DashboardData) -> None:
        """Show freshly computed numbers, keeping the sort order, the selected class and the open scatter."""
        selected = self.selected_classes()
        self.data = data
        header = self.class_view.horizontalHeader()
        sort_column, sort_order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        self.class_model.set_table(data.table)
        if 0 <= sort_column < self.class_model.columnCount():
            self.class_view.sortByColumn(sort_column, sort_order)
        self._fill_global(data)
        self._show_grayscale(*data.grayscale_maps())
        if data.correlation is None:
            self.heatmap.clear(translate("Dashboard", "No correlation yet: no class has variation annotations "
                                         "(annotate classes, or import "
                                         "resources/examples/rparis6k_variations.csv)."))
        else:
            self.heatmap.set_values(data.correlation.rows, data.correlation.methods, data.correlation.values)
        cell = self.scatter_cell
        if cell is not None and data.correlation is not None and cell[1] in data.correlation.methods:
            self.show_scatter(*cell)
        else:
            self.scatter_cell = None
            self.scatter.clear(translate("Dashboard", SCATTER_HINT))
        if selected:
            self.select_class(selected[0])
        self.before_after.set_data(data)
        queries = max((data.results[s].n_queries for s in data.specs), default=0)
        annotated = len(data.table.annotated_rows)
        status = (translate("Dashboard", "{queries} queries in {classes} classes; correlation over {annotated} "
                            "annotated classes") if annotated != 1 else
                  translate("Dashboard", "{queries} queries in {classes} classes; correlation over {annotated} "
                            "annotated class"))
        self.set_status(status.format(queries=queries, classes=len(data.table.rows), annotated=annotated)
                        + (translate("Dashboard", "; {count} judged queries").format(count=data.n_judged_queries)
                           if data.n_judged_queries else "") + ".")

    def _fill_global(self, data: DashboardData) -> None:
        judged = {s: j.result for s, j in data.judged.items() if j.result is not None}
        setups = ("easy", "medium", "hard") if judged else ()
        setup_names = {"easy": translate("Dashboard", "Easy mAP"), "medium": translate("Dashboard", "Medium mAP"),
                       "hard": translate("Dashboard", "Hard mAP")}
        headers = [translate("Dashboard", "Method"), "mAP", translate("Dashboard", "class mAP"),
                   translate("Dashboard", "queries"), *(setup_names[s] for s in setups)]
        self.global_table.clear()
        self.global_table.setColumnCount(len(headers))
        self.global_table.setHorizontalHeaderLabels(headers)
        self.global_table.horizontalHeaderItem(2).setToolTip(translate("Dashboard", "mean of the per-class mAPs "
                                                                                    "(each class weighs the same)"))
        self.global_table.setRowCount(len(data.specs))
        for row, spec in enumerate(data.specs):
            result = data.results[spec]
            values = [format_value(result.global_map), format_value(result.mean_class_map), str(result.n_queries)]
            values += [format_value(judged[spec].map[s]) for s in setups]
            self.global_table.setItem(row, 0, QTableWidgetItem(spec))
            for column, text in enumerate(values, start=1):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.global_table.setItem(row, column, item)

    def _show_grayscale(self, original: dict[str, float], gray: dict[str, float]) -> None:
        visible = bool(original)
        self.gray_label.setVisible(visible)
        self.gray_table.setVisible(visible)
        self.gray_table.clear()
        self.gray_table.setColumnCount(4)
        self.gray_table.setHorizontalHeaderLabels([translate("Dashboard", "Method"), translate("Dashboard", "original"),
                                                  translate("Dashboard", "grayscale"), translate("Dashboard", "difference")])
        self.gray_table.setRowCount(len(original))
        for row, spec in enumerate(original):
            difference = gray[spec] - original[spec]
            texts = [spec, format_value(original[spec]), format_value(gray[spec]), format_value(difference, signed=True)]
            for column, text in enumerate(texts):
                self.gray_table.setItem(row, column, QTableWidgetItem(text))

    def show_before_after(self, adapted: str) -> None:
        """The page of ``adapted`` (``BASE+adapt:NAME``) against its base, now or once evaluated
        (both are ticked: ``methods_changed`` asks for their evaluation when they were not)."""
        self.before_after.select(adapted)
        self.pages.setCurrentWidget(self.before_after)
        wanted = {adapted, adapted_base(adapted)}
        unticked = [self.methods_list.item(i) for i in range(self.methods_list.count())
                    if self.methods_list.item(i).text() in wanted
                    and self.methods_list.item(i).checkState() != Qt.CheckState.Checked]
        for item in unticked:
            item.setCheckState(Qt.CheckState.Checked)  # each emits methods_changed (debounced by the panels)

    # -- heatmap → scatter → class -------------------------------------------------------------
    def show_scatter(self, variation: str, method: str) -> None:
        """The classes as points: ``variation``'s score (or the overall difficulty) against ``method``'s mAP."""
        if self.data is None or self.data.correlation is None:
            return
        self.scatter_cell = (variation, method)
        self.heatmap.select(variation, method)
        overall = variation == OVERALL
        points = []
        for row in self.data.table.annotated_rows:
            y = row.maps.get(method, math.nan)
            if not math.isfinite(y):
                continue
            x = float(row.overall if overall else row.scores[variation])
            points.append(ScatterPoint(row.name, x, y, f"{row.name}: {row_name(variation)} {x:g}, mAP {y:.3f}"))
        r = self.data.correlation.values[variation][method]
        xs = [p.x for p in points] or [0.0]
        x_range = (min(xs) - 1.5, max(xs) + 1.5) if overall else (-0.5, 3.5)
        self.scatter.set_points(
            points, title=translate("Dashboard", "{variation} vs {method}: r = {r} ({count} classes)").format(
                variation=row_name(variation), method=method, r=format_value(r, 2, signed=True), count=len(points)),
            x_label=f"{row_name(variation)} ("
                    + (translate("Dashboard", "sum of the scores") if overall else
                       translate("Dashboard", "predominance 0–3")) + ")",
            y_label=translate("Dashboard", "mAP of {method}").format(
                method=method), x_range=x_range, y_range=(-0.02, 1.02),
            x_ticks=None if overall else [0, 1, 2, 3], spread=0.6 if overall else 0.3, labels=True)

    def open_class(self, name: str) -> None:
        """Select ``name``'s row in the table, mark its point, and tell the window (``class_opened``)."""
        self.scatter.highlight(name if any(p.key == name for p in self.scatter.points) else None)
        self.select_class(name)
        self.class_opened.emit(name)

    def select_class(self, name: str) -> None:
        selection = QItemSelection()
        for row in range(self.class_proxy.rowCount()):
            index = self.class_proxy.index(row, 0)
            if index.data(CLASS_ROLE) == name:
                selection.select(index, self.class_proxy.index(row, self.class_proxy.columnCount() - 1))
                self.class_view.scrollTo(index)
        self.class_view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_classes(self) -> list[str]:
        rows = self.class_view.selectionModel().selectedRows() if self.class_view.selectionModel() else []
        return [index.data(CLASS_ROLE) for index in rows]

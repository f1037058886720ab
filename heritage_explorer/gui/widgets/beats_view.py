"""Where A beats B: the AP of every query under two methods, as a scatter and as a list of the
largest differences, with wins, ties and the sign test (``evaluation/comparison.py``).

A mAP difference hides whether a method is better on most queries or much better on a few; the
per-query AP (Gominski et al. 2019, §4, before averaging) shows it. Clicking a point or a row
asks the window to open that query in the side-by-side comparison (``query_opened``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.evaluation.comparison import QueryComparison
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.widgets.scatter_plot import ScatterPoint, ScatterWidget

WIN_A, WIN_B, TIE = "#1f77b4", "#d62728", "#7f7f7f"  # as in the report's scatter (evaluation/reports.py)
DEFAULT_TOP = 20


class BeatsView(QWidget):
    """Emits ``pair_changed(a, b)`` when the methods change and ``query_opened(query_id, a, b)``."""

    pair_changed = Signal(str, str)
    query_opened = Signal(int, str, str)

    def __init__(self, parent: QWidget | None = None, *, name_of: Callable[[int], str | None] | None = None):
        super().__init__(parent)
        self.comparison: QueryComparison | None = None
        self.name_of = name_of  # image id -> file name shown for a query (None: unknown, its id is shown)
        self._filling = False
        self.combo_a = QComboBox()
        self.combo_b = QComboBox()
        for combo, tip in ((self.combo_a, translate("BeatsView", "Method on the x axis")),
                          (self.combo_b, translate("BeatsView", "Method on the y axis"))):
            combo.setMinimumContentsLength(16)
            combo.setToolTip(tip)
            combo.currentIndexChanged.connect(self._pair_chosen)
        self.swap_button = QToolButton()
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip(translate("BeatsView", "Swap A and B"))
        self.swap_button.clicked.connect(self.swap)
        self.top_spin = QSpinBox()
        self.top_spin.setRange(5, 500)
        self.top_spin.setValue(DEFAULT_TOP)
        self.top_spin.setToolTip(translate("BeatsView", "How many of the largest differences to list"))
        self.top_spin.valueChanged.connect(lambda _n: self._fill_list())
        self.summary = QLabel(translate("BeatsView", "Choose two methods."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scatter = ScatterWidget()
        self.scatter.clear(translate("BeatsView", "Choose two extracted methods: one point per query, AP under A "
                                     "against AP under B."))
        self.scatter.point_clicked.connect(lambda key: self.open_query(int(key)))
        self.differences = QTableWidget(0, 5)
        self.differences.setHorizontalHeaderLabels([translate("BeatsView", "query"), translate("BeatsView", "class"), translate("BeatsView", "AP A"), translate("BeatsView", "AP B"), translate("BeatsView", "ΔAP (A − B)")])
        self.differences.verticalHeader().hide()
        self.differences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.differences.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.differences.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.differences.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.differences.verticalHeader().setDefaultSectionSize(20)
        self.differences.cellClicked.connect(lambda row, _column: self._row_clicked(row))

        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("BeatsView", "A (x):")))
        controls.addWidget(self.combo_a)
        controls.addWidget(self.swap_button)
        controls.addWidget(QLabel(translate("BeatsView", "B (y):")))
        controls.addWidget(self.combo_b)
        controls.addStretch(1)
        controls.addWidget(QLabel(translate("BeatsView", "largest differences:")))
        controls.addWidget(self.top_spin)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(QLabel(translate("BeatsView", "Queries where the two methods differ most "
                                                             "(click to compare them):")))
        right_layout.addWidget(self.differences, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.scatter)
        splitter.addWidget(right)
        splitter.setSizes([420, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

    # -- methods -------------------------------------------------------------------------------
    def set_methods(self, specs: Sequence[str], a: str | None = None, b: str | None = None) -> None:
        """Offer ``specs``; keep the current pair where possible, else ``a``/``b``, else the first two."""
        current_a, current_b = self.pair()
        a = current_a if current_a in specs else (a if a in specs else (specs[0] if specs else None))
        b = current_b if current_b in specs else (b if b in specs else next((s for s in specs if s != a), a))
        self._filling = True
        for combo, chosen in ((self.combo_a, a), (self.combo_b, b)):
            combo.clear()
            combo.addItems(list(specs))
            if chosen is not None:
                combo.setCurrentText(chosen)
        self._filling = False

    def pair(self) -> tuple[str | None, str | None]:
        return self.combo_a.currentText() or None, self.combo_b.currentText() or None

    def set_pair(self, a: str, b: str) -> None:
        self._filling = True
        self.combo_a.setCurrentText(a)
        self.combo_b.setCurrentText(b)
        self._filling = False
        self._pair_chosen()

    def swap(self) -> None:
        a, b = self.pair()
        if a and b:
            self.set_pair(b, a)

    def _pair_chosen(self, _index: int = 0) -> None:
        if self._filling:
            return
        a, b = self.pair()
        if a and b:
            self.pair_changed.emit(a, b)

    # -- data ----------------------------------------------------------------------------------
    def clear(self, text: str) -> None:
        self.comparison = None
        self.summary.setText(text)
        self.scatter.clear(text)
        self.differences.setRowCount(0)

    def set_comparison(self, comparison: QueryComparison, map_a: float, map_b: float) -> None:
        """Show the per-query APs of ``comparison`` (A = ``method_a`` on x)."""
        self.comparison = comparison
        a, b = comparison.method_a, comparison.method_b
        if not comparison.queries:
            self.clear(translate("BeatsView", "No query with a class to evaluate: the per-query AP needs labelled "
                                 "images (a class/group column in the imported listing)."))
            return
        tolerance = comparison.tolerance
        points = [ScatterPoint(q.query_id, q.ap_a, q.ap_b,
                               f"{self.query_name(q.query_id)} ({q.query_class}): AP {a} {q.ap_a:.3f}, "
                               f"{b} {q.ap_b:.3f}",
                               WIN_A if q.difference > tolerance else WIN_B if q.difference < -tolerance else TIE)
                  for q in comparison.queries]
        self.scatter.set_points(points, title=translate("BeatsView", "AP per query: {a} vs {b}").format(a=a, b=b),
                                x_label=translate("BeatsView", "AP {a} (better below the diagonal)").format(
                                    a=a),
                                y_label=translate("BeatsView", "AP {b} (better above)").format(
                                    b=b), x_range=(-0.02, 1.02), y_range=(-0.02, 1.02),
                                diagonal=True, square=True)
        same = a == b
        self.summary.setText(
            (translate("BeatsView", "<b>Choose two different methods.</b> ") if same else "")
            + translate("BeatsView", "mAP <b>{a}</b> {map_a:.4f}, <b>{b}</b> {map_b:.4f} over {count} "
                                     "queries.<br><span style='color:{win_a}'>●</span> {a} better on "
                                     "<b>{wins_a}</b>, <span style='color:{win_b}'>●</span> {b} better on "
                                     "<b>{wins_b}</b>, <span style='color:{tie}'>●</span> {ties} ties (|ΔAP| "
                                     "≤ {tolerance:g}); mean ΔAP {mean_difference:+.4f}; sign test p = "
                                     "{sign_test_p:.3g}").format(
                a=a, map_a=map_a, b=b, map_b=map_b, count=len(comparison.queries), win_a=WIN_A,
                wins_a=comparison.wins_a, win_b=WIN_B, wins_b=comparison.wins_b, tie=TIE,
                ties=comparison.ties, tolerance=tolerance, mean_difference=comparison.mean_difference,
                sign_test_p=comparison.sign_test_p)
            + (translate("BeatsView", "<br>{count_a} queries only evaluated by {a}, {count_b} only by {b}.").format(
                count_a=len(comparison.only_a), a=a, count_b=len(comparison.only_b), b=b)
               if comparison.only_a or comparison.only_b else "")
            + translate("BeatsView", "<br>By class ({a} better / {b} better / ties): ").format(
                a=a, b=b) + _per_class_text(comparison.per_class()))
        self.differences.horizontalHeaderItem(2).setText(translate("BeatsView", "AP {a}").format(a=a))
        self.differences.horizontalHeaderItem(3).setText(translate("BeatsView", "AP {b}").format(b=b))
        self._fill_list()

    def _fill_list(self) -> None:
        if self.comparison is None:
            return
        rows = self.comparison.largest_differences(self.top_spin.value())
        self.differences.setRowCount(len(rows))
        for row, q in enumerate(rows):
            texts = [self.query_name(q.query_id), q.query_class, f"{q.ap_a:.3f}", f"{q.ap_b:.3f}",
                     f"{q.difference:+.3f}"]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(translate("BeatsView", "{name} (catalog image #{query_id})").format(
                    name=texts[0], query_id=q.query_id) if column == 0 else text)
                item.setData(Qt.ItemDataRole.UserRole, q.query_id)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.differences.setItem(row, column, item)

    def query_name(self, query_id: int) -> str:
        """The query's file name (its catalog id only when the name is not known)."""
        name = self.name_of(query_id) if self.name_of is not None else None
        return name or f"#{query_id}"

    def listed_queries(self) -> list[int]:
        return [int(self.differences.item(r, 0).data(Qt.ItemDataRole.UserRole)) for r in range(self.differences.rowCount())]

    def _row_clicked(self, row: int) -> None:
        item = self.differences.item(row, 0)
        if item is not None:
            self.open_query(int(item.data(Qt.ItemDataRole.UserRole)))

    def open_query(self, query_id: int) -> None:
        """Mark the query's point and ask for it to be compared side by side."""
        if self.comparison is None:
            return
        self.scatter.highlight(query_id)
        self.query_opened.emit(query_id, self.comparison.method_a, self.comparison.method_b)


def _per_class_text(per_class: dict[str, tuple[int, int, int]], most: int = 30) -> str:
    """``class a/b/ties`` for the first ``most`` classes, then how many more there are."""
    items = [f"{c} {wa}/{wb}/{t}" for c, (wa, wb, t) in list(per_class.items())[:most]]
    more = len(per_class) - most
    return ", ".join(items) + (translate("BeatsView", " … and {count} more classes").format(
        count=more) if more > 0 else "")

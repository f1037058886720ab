"""The method builder of the extraction panel (issue #18 part 1): a re-ranking ``A>>B@K`` and query
expansion / DBA composed from parts, never typed.

The parts are typed values (a :class:`~heritage_explorer.descriptors.registry.MethodSpec` per global
descriptor, a :class:`~heritage_explorer.descriptors.local.specs.LocalSpec` per local method) held
by the combo boxes; :meth:`MethodBuilder.method` builds the typed method from them
(:class:`~heritage_explorer.descriptors.method.GlobalMethod` with its
:class:`~heritage_explorer.descriptors.query_expansion.ExpansionSpec`, wrapped in a
:class:`~heritage_explorer.descriptors.method.RerankMethod` when a local method re-ranks it) and
the box shows its canonical spelling, ``str(method)``. A built method needs no extraction of its
own: the box says which of its parts the project lacks and offers to tick them for extraction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.descriptors.local.specs import DEFAULT_MIN_INLIERS, DEFAULT_SHORTLIST, LocalSpec
from heritage_explorer.descriptors.method import GlobalMethod, Method, MethodSpec, RerankMethod
from heritage_explorer.descriptors.query_expansion import ExpansionSpec
from heritage_explorer.gui.i18n import translate

MAX_NEIGHBOURS = 100  # query expansion / DBA neighbours
MAX_SHORTLIST = 10_000
MAX_MIN_INLIERS = 1000
#: The geometric models of the verification (``+fundamental``, ``+affine``; homography by default).
GEOMETRIES = (("homography", QT_TRANSLATE_NOOP("MethodBuilder", "homography (planar or distant scene)")),
              ("fundamental", QT_TRANSLATE_NOOP("MethodBuilder", "fundamental matrix (3-D scene)")),
              ("affine", QT_TRANSLATE_NOOP("MethodBuilder", "affine map")))


def _count_spin(minimum: int, maximum: int, value: int, tip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setValue(value)
    spin.setToolTip(tip)
    return spin


def _neighbour_spin(tip: str) -> QSpinBox:
    spin = _count_spin(0, MAX_NEIGHBOURS, 0, tip)
    spin.setSpecialValueText(translate("MethodBuilder", "off"))
    return spin


def _alpha_spin(tip: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0.0, 10.0)
    spin.setSingleStep(0.5)
    spin.setDecimals(1)
    spin.setPrefix("α = ")
    spin.setToolTip(tip)
    return spin


def _pair(first: QWidget, second: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(first)
    row.addWidget(second)
    return row


def _narrow(combo: QComboBox) -> QComboBox:
    """A combo box whose long specs do not widen the dock (the list still shows them whole)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    return combo


class MethodBuilder(QGroupBox):
    """Combo boxes and spin boxes for the parts of a method; the canonical spec it makes; buttons to
    search or compare with it and to tick its missing parts. The controller
    (:mod:`heritage_explorer.gui.method_builder_controller`) fills the parts and acts on the signals."""

    search_requested = Signal(object)  # the typed method: add it to the Method box and search with it
    compare_requested = Signal(object)  # the typed method: add it to the Compare tab's rows
    tick_requested = Signal(list)  # listed specs (the panel's rows) of the parts not extracted

    def __init__(self, parent: QWidget | None = None):
        super().__init__(translate("MethodBuilder", "Method builder: re-ranking and query expansion"), parent)
        self.extracted: set[str] = set()
        self.parts: tuple[list, list] = ([], [])
        self.global_combo = _narrow(QComboBox())
        self.global_combo.setToolTip(translate("MethodBuilder", "The global method that ranks the whole "
                                                                "collection (A of A>>B@K)"))
        self.dba_spin = _neighbour_spin(translate("MethodBuilder", "Database-side augmentation: each database "
                                                                   "vector averaged with its k nearest neighbours "
                                                                   "(+dba<k>)"))
        self.dba_alpha = _alpha_spin(translate("MethodBuilder", "Weight of the neighbours, similarity^α (0: "
                                                                "plain average)"))
        self.qe_spin = _neighbour_spin(translate("MethodBuilder", "Query expansion: the query averaged with its "
                                                                  "top k results (+aqe<k>; αQE with α > 0)"))
        self.qe_alpha = _alpha_spin(translate("MethodBuilder", "Weight of the neighbours, similarity^α (0: "
                                                               "average query expansion)"))
        self.local_combo = _narrow(QComboBox())
        self.local_combo.setToolTip(translate("MethodBuilder", "The local method that verifies the shortlist "
                                                               "and re-ranks it by inlier count (B of A>>B@K)"))
        self.k_spin = _count_spin(1, MAX_SHORTLIST, DEFAULT_SHORTLIST,
                                  translate("MethodBuilder", "Shortlist: how many of the global method's first "
                                                             "results are verified (K of A>>B@K)"))
        self.verification_button = QToolButton()
        self.verification_button.setText(translate("MethodBuilder", "Verification"))
        self.verification_button.setToolTip(translate("MethodBuilder", "How the shortlist's pairs are verified: "
                                                                       "geometric model, matcher, inliers needed"))
        self.verification_button.setCheckable(True)
        self.verification_button.setArrowType(Qt.ArrowType.RightArrow)
        self.verification_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.verification_button.toggled.connect(self._show_verification)
        self.geometry_combo = QComboBox()
        for name, label in GEOMETRIES:
            self.geometry_combo.addItem(translate("MethodBuilder", label), name)
        self.geometry_combo.setToolTip(translate("MethodBuilder", "The model RANSAC fits to the matches "
                                                                  "(+fundamental, +affine)"))
        self.lighterglue_check = QCheckBox(translate("MethodBuilder", "LighterGlue matching (XFeat)"))
        self.lighterglue_check.setToolTip(translate("MethodBuilder", "Match XFeat keypoints with LighterGlue "
                                                                     "instead of mutual nearest neighbours (+lg)"))
        self.min_inliers_spin = _count_spin(0, MAX_MIN_INLIERS, DEFAULT_MIN_INLIERS,
                                            translate("MethodBuilder", "A shortlist image moves up only from "
                                                                       "this many inliers (+min<N>)"))
        self.verification = QWidget()
        verification = QFormLayout(self.verification)
        verification.setContentsMargins(0, 0, 0, 0)
        verification.addRow(translate("MethodBuilder", "Geometry:"), self.geometry_combo)
        verification.addRow("", self.lighterglue_check)
        verification.addRow(translate("MethodBuilder", "Inliers needed:"), self.min_inliers_spin)
        self.verification.setVisible(False)  # folded: the dock keeps its height
        self.spec_label = QLabel()
        self.spec_label.setWordWrap(True)
        self.spec_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parts_label = QLabel()
        self.parts_label.setWordWrap(True)
        self.tick_button = QPushButton(translate("MethodBuilder", "Tick the missing parts for extraction"))
        self.tick_button.clicked.connect(lambda: self.tick_requested.emit(self.missing_parts()))
        self.search_button = QPushButton(translate("MethodBuilder", "Search with it"))
        self.search_button.setToolTip(translate("MethodBuilder", "Add the method to the Method box (kept in the "
                                                                 "settings) and search with it"))
        self.search_button.clicked.connect(lambda: self.search_requested.emit(self.method()))
        self.compare_button = QPushButton(translate("MethodBuilder", "Add to the comparison"))
        self.compare_button.setToolTip(translate("MethodBuilder", "Show the method as a row of the Compare "
                                                                  "methods tab (kept in the settings)"))
        self.compare_button.clicked.connect(lambda: self.compare_requested.emit(self.method()))
        form = QFormLayout()  # one part a row: the dock stays narrow
        form.addRow(translate("MethodBuilder", "Global:"), self.global_combo)
        form.addRow(translate("MethodBuilder", "DBA:"), _pair(self.dba_spin, self.dba_alpha))
        form.addRow(translate("MethodBuilder", "Query expansion:"), _pair(self.qe_spin, self.qe_alpha))
        form.addRow(translate("MethodBuilder", "Re-rank with:"), self.local_combo)
        form.addRow(translate("MethodBuilder", "Shortlist:"), _pair(self.k_spin, self.verification_button))
        form.addRow(self.verification)
        form.addRow(translate("MethodBuilder", "Method:"), self.spec_label)
        buttons = QHBoxLayout()
        for button in (self.search_button, self.compare_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.parts_label)
        layout.addWidget(self.tick_button)
        layout.addLayout(buttons)
        for combo in (self.global_combo, self.local_combo, self.geometry_combo):
            combo.currentIndexChanged.connect(self._update)
        for spin in (self.dba_spin, self.dba_alpha, self.qe_spin, self.qe_alpha, self.k_spin, self.min_inliers_spin):
            spin.valueChanged.connect(self._update)
        self.lighterglue_check.toggled.connect(self._update)
        self.set_parts([], [], set(), can_use=False)

    # -- the parts -------------------------------------------------------------------------------
    def set_parts(self, globals_: Sequence[tuple[str, MethodSpec]], locals_: Sequence[tuple[str, LocalSpec]],
                  extracted: Collection[str], *, can_use: bool = True) -> None:
        """Offer ``globals_`` and ``locals_`` ((listed spec, typed part), extracted ones first);
        ``extracted``: the specs the project has stores for. The choices made are kept where offered."""
        self.extracted, self.can_use = set(extracted), can_use
        kept = (self.global_combo.currentText(), self.local_combo.currentText())
        self.parts = (list(globals_), list(locals_))  # the combos' item data are indexes into these
        for combo, parts in zip((self.global_combo, self.local_combo), self.parts, strict=True):
            combo.blockSignals(True)
            combo.clear()
            if combo is self.local_combo:
                combo.addItem(translate("MethodBuilder", "none (no re-ranking)"), -1)
            for index, (_listed, part) in enumerate(parts):
                combo.addItem(str(part), index)
        for combo, text in zip((self.global_combo, self.local_combo), kept, strict=True):
            combo.setCurrentIndex(max(combo.findText(text), 0))
            combo.blockSignals(False)
        self._update()

    def _chosen(self, which: int) -> tuple[str, MethodSpec | LocalSpec] | None:
        """(listed spec, typed part) chosen in the global (0) or local (1) combo box."""
        index = (self.global_combo, self.local_combo)[which].currentData()
        return None if index is None or index < 0 else self.parts[which][index]

    def choose(self, global_part: str, local_part: str | None = None, k: int = DEFAULT_SHORTLIST, *,
               qe: int = 0, qe_alpha: float = 0.0, dba: int = 0, dba_alpha: float = 0.0,
               geometry: str = "homography", lighterglue: bool = False,
               min_inliers: int = DEFAULT_MIN_INLIERS) -> None:
        """Choose the parts by their spelling in the combo boxes (what a user's clicks do)."""
        self.global_combo.setCurrentIndex(self.global_combo.findText(global_part))
        self.local_combo.setCurrentIndex(self.local_combo.findText(local_part) if local_part else 0)
        self.k_spin.setValue(k)
        self.geometry_combo.setCurrentIndex(self.geometry_combo.findData(geometry))
        self.lighterglue_check.setChecked(lighterglue)
        self.min_inliers_spin.setValue(min_inliers)
        self.qe_spin.setValue(qe)
        self.qe_alpha.setValue(qe_alpha)
        self.dba_spin.setValue(dba)
        self.dba_alpha.setValue(dba_alpha)

    # -- the method ------------------------------------------------------------------------------
    def method(self) -> Method | None:
        """The typed method the parts make (None while no global method is offered)."""
        first = self._chosen(0)
        if first is None:
            return None
        expansion = ExpansionSpec(qe_k=self.qe_spin.value(), qe_alpha=self.qe_alpha.value() if self.qe_spin.value() else 0.0,
                                  dba_k=self.dba_spin.value(),
                                  dba_alpha=self.dba_alpha.value() if self.dba_spin.value() else 0.0)
        built = GlobalMethod(first[1], expansion)
        local = self._chosen(1)
        if local is None:
            return built
        verifier = dataclasses.replace(local[1], model=self.geometry_combo.currentData(),
                                       lighterglue=local[1].method == "xfeat" and self.lighterglue_check.isChecked(),
                                       min_inliers=self.min_inliers_spin.value())
        return RerankMethod(built, verifier, self.k_spin.value())

    def _show_verification(self, shown: bool) -> None:
        self.verification.setVisible(shown)
        self.verification_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def missing_parts(self) -> list[str]:
        """The listed specs of the chosen parts that the project has no store for."""
        chosen = [part for part in (self._chosen(0), self._chosen(1)) if part is not None]
        return [listed for listed, part in chosen
                if (part.stored.spec if isinstance(part, LocalSpec) else part.spec) not in self.extracted]

    def _update(self) -> None:
        method = self.method()
        self.spec_label.setText(f"<b>{method}</b>" if method is not None else translate(
            "MethodBuilder", "no global method to build on"))
        local = self._chosen(1)
        for widget in (self.k_spin, self.verification_button, self.geometry_combo, self.min_inliers_spin):
            widget.setEnabled(local is not None)
        self.lighterglue_check.setEnabled(local is not None and local[1].method == "xfeat")
        for spin, alpha in ((self.qe_spin, self.qe_alpha), (self.dba_spin, self.dba_alpha)):
            alpha.setEnabled(spin.value() > 0)
        missing = self.missing_parts()
        if method is None:
            self.parts_label.setText("")
        elif missing:
            self.parts_label.setText(translate("MethodBuilder", "Not extracted for this project: {parts}. The "
                                                                "method needs no store of its own, only its "
                                                                "parts'.").format(parts=", ".join(missing)))
        else:
            self.parts_label.setText(translate("MethodBuilder", "Every part is extracted: the method can be "
                                                                "searched now."))
        self.tick_button.setVisible(bool(missing))
        self.tick_button.setEnabled(self.can_use and bool(missing))
        for button in (self.search_button, self.compare_button):
            button.setEnabled(self.can_use and method is not None)

"""The mined pairs of an adaptation (issue #19 part 1): what ``adapt`` (or a dry run) verified.

A dialog listing every pair of ``P/adapt/NAME/pairs.json``: both thumbnails with their file
names, the inlier count, the kind (verified positive, inliers packed in a small area, hard
negative), the spread and the base similarity; sorted by inliers (any column sorts), filtered by
kind. Double-click (or *Show matches*) asks for the match view of the pair, with the local method
that verified it (:attr:`show_matches`; the adaptation controller answers through the window's
:class:`~heritage_explorer.gui.match_controller.MatchController`). The file is read and joined with
the catalog in the runner (:func:`heritage_explorer.pipeline.adapt_pairs.mined_pairs`); thumbnails
load lazily (:class:`~heritage_explorer.gui.models.mined_pairs.MinedPairsModel`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.mined_pairs import Column, MinedPairsModel, MinedPairsProxy, kind_label
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.adapt_pairs import KINDS, MinedPairs, PairRecord, mined_pairs
from heritage_explorer.pipeline.project import Project

THUMBNAIL = 96


class MinedPairsDialog(QDialog):
    """The pairs of one of ``names`` (adaptations with a pairs file), shown first: ``name``."""

    show_matches = Signal(str, int, int)  # (local spec, image a, image b)

    def __init__(self, runner: JobRunner, loader: ThumbnailLoader | None, project: Project, names: Sequence[str],
                 name: str, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(translate("MinedPairs", "Mined pairs"))
        self.resize(980, 680)
        self.runner, self.project = runner, project
        self.sample: MinedPairs | None = None
        self.error: str | None = None
        self.job: Job | None = None
        self.model = MinedPairsModel(self, thumbnail_size=THUMBNAIL)
        self.model.set_loader(loader)
        self.proxy = MinedPairsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.names = QComboBox()
        self.names.addItems(list(names))
        self.names.setToolTip(translate("MinedPairs", "The adaptation whose mined sample is shown "
                                                      "(P/adapt/NAME/pairs.json)"))
        self.kind = QComboBox()
        self.kind.setToolTip(translate("MinedPairs", "Show the pairs of one kind"))
        self.matches_button = QPushButton(translate("MinedPairs", "Show matches"))
        self.matches_button.setToolTip(translate("MinedPairs", "The inliers of the selected pair (double-click "
                                                               "a row)"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL + 8)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        for column in (Column.IMAGE_A, Column.IMAGE_B):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (Column.INLIERS, Column.KIND, Column.SPREAD, Column.SIMILARITY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.INLIERS, Qt.SortOrder.DescendingOrder)
        top = QHBoxLayout()
        for label, widget in ((translate("MinedPairs", "Adaptation:"), self.names),
                              (translate("MinedPairs", "Kind:"), self.kind)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.matches_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.names.setCurrentText(name)
        self.names.currentTextChanged.connect(self.load)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self.matches_button.clicked.connect(self.open_selected)
        self._fill_kinds()
        self.load(name)

    @property
    def loaded(self) -> bool:
        return self.job is None and (self.sample is not None or self.error is not None)

    def load(self, name: str) -> None:
        """Read the pairs of adaptation ``name`` (in the runner) and show them."""
        if self.job is not None:
            self.job.cancel()
        self.sample, self.error = None, None
        self.model.set_pairs(None)
        self.summary.setText(translate("MinedPairs", "Reading the mined pairs of {name}…").format(name=name))
        self._update_button()
        self.job = Job("mined pairs", mined_pairs, self.project, name, with_progress=False, with_cancel=False)
        self.runner.start(self.job, on_finished=self._loaded, on_failed=self._failed)

    def _loaded(self, sample: MinedPairs) -> None:
        if sample.name != self.names.currentText():
            return  # another adaptation was chosen meanwhile: its own job answers
        self.job, self.sample = None, sample
        self.model.set_pairs(sample)
        self._fill_kinds()
        summary = sample.file.sample
        counts = sample.file.counts()
        text = translate("MinedPairs", "<b>{count}</b> neighbour pairs verified with {local}: {positives} verified "
                                       "positives, {negatives} hard negatives, {unspread} with inliers in a small "
                                       "area.").format(count=len(sample.file.pairs), local=sample.local,
                                                       positives=counts["positive"], negatives=counts["negative"],
                                                       unspread=counts["unspread"])
        if summary:
            text += " " + translate("MinedPairs", "Base {base}, {k} neighbours per image, positive from {min_inliers} "
                                                  "inliers over {min_spread:.0%} of both images.").format(
                base=summary.get("base", "?"), k=summary.get("k", "?"), min_inliers=summary.get("min_inliers", "?"),
                min_spread=float(summary.get("min_spread", 0.0)))
            if summary.get("complete") is False:
                text += " " + translate("MinedPairs", "Incomplete: {verified} of {candidates} candidate pairs "
                                                      "verified (the time bound was reached).").format(
                    verified=summary.get("verified", "?"), candidates=summary.get("candidates", "?"))
        self.summary.setText(text + " " + translate("MinedPairs", "Double-click a pair to see its matches."))
        self._update_button()

    def _failed(self, message: str) -> None:
        self.job, self.error = None, message
        self.summary.setText(translate("MinedPairs", "Cannot show the mined pairs: {message}").format(message=error_text(message)))
        self._update_button()

    def _fill_kinds(self) -> None:
        counts = self.sample.file.counts() if self.sample is not None else {}
        current = self.kind.currentData() or ""
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(translate("MinedPairs", "All kinds ({count})").format(count=sum(counts.values())), "")
        for kind in KINDS:
            self.kind.addItem(f"{kind_label(kind)} ({counts.get(kind, 0)})", kind)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        self.kind.blockSignals(False)

    def set_kind(self, kind: str) -> None:
        """Show the pairs of ``kind`` only (``""``: all)."""
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))

    def _kind_changed(self, _index: int) -> None:
        self.proxy.set_kind(self.kind.currentData() or "")
        self._update_button()

    # -- the match view --------------------------------------------------------------------------
    def pair_at(self, row: int) -> PairRecord:
        """The pair shown at ``row`` of the table (sorted and filtered)."""
        return self.model.pair_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())

    def _showable(self, pair: PairRecord) -> bool:
        images = [self.model.image(i) for i in (pair.a, pair.b)]
        return all(image is not None and image.abspath is not None for image in images)

    def _selected(self) -> PairRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.pair_at(rows[0].row()) if rows else None

    def _update_button(self, *_args: object) -> None:
        pair = self._selected() if self.sample is not None else None
        self.matches_button.setEnabled(pair is not None and self._showable(pair))

    def _activated(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def open_row(self, row: int) -> None:
        """Ask for the match view of the pair at ``row`` (an image no longer in the catalog: nothing)."""
        if self.sample is None or not 0 <= row < self.proxy.rowCount():
            return
        pair = self.pair_at(row)
        if self._showable(pair):
            self.show_matches.emit(self.sample.local, pair.a, pair.b)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_row(rows[0].row())

    def done(self, result: int) -> None:
        """Closing lets go of the window's thumbnail loader (it outlives the dialog)."""
        self.model.set_loader(None)
        if self.job is not None:
            self.job.cancel()
        super().done(result)

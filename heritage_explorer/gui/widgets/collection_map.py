"""The collection map dialog (issue #21 part 3): every described image at its 2-D place, by a method's descriptors.

The map itself — dots coloured by class, thumbnails close in, the lasso — is drawn by
:class:`~.map_view.MapView`. A click searches with the nearest image.

"Colour by" recolours the dots by class or by any metadata column of the catalog
(:mod:`.map_colouring`: categories with a legend, numeric columns binned). Shift+drag (or a drag
with "Lasso" on) draws a free-hand polygon and selects the images inside it (a vectorised
point-in-polygon test over the layout); the selection is drawn as a halo under the dots, kept
while zooming, panning and recolouring, dropped with a new layout and with the dialog. It can be written as a
selection file (``heritage-explorer export --selection FILE`` reads it), given a variation flag
(:meth:`GroundTruthEdits.flag_images`) or a label of the archivist's (:mod:`core.labels`,
:meth:`GroundTruthEdits.label_images`; "Colour by: label"), or put in a near-duplicate group of
the project's review (:mod:`pipeline.duplicate_review`, new or existing;
:meth:`GroundTruthEdits.push_review`), each one undoable edit (Ctrl+Z here or in the window).

The layout is computed by ``pipeline.collection_map.compute_map`` in the window's ``JobRunner``;
its answer is a bound method of the dialog, so it is dropped if the dialog was closed first.
Ownership (docs/QT_OWNERSHIP.md): the scene is a child of the view, the items belong to the
scene, the dialog deletes itself on close; no QObject is made or reached in the worker.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.annotations import VARIATIONS
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import Progress
from heritage_explorer.core.labels import image_labels, label_counts
from heritage_explorer.gui.annotation_commands import LABELS, GroundTruthEdits
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.vocabulary import stage_text, variation_name
from heritage_explorer.gui.widgets.map_colouring import Colouring, colour_by
from heritage_explorer.gui.widgets.map_view import SELECTED, TILE, MapPointItem, MapView
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.collection_map import CollectionMap, compute_map
from heritage_explorer.pipeline.duplicate_review import DuplicateReview, load_review
from heritage_explorer.pipeline.export import write_selection
from heritage_explorer.pipeline.near_duplicates import DEFAULT_METHOD as DUPLICATES_METHOD
from heritage_explorer.pipeline.review_history import plan_add_to_group

CLASS = "class"  # the "Colour by" entry of the catalog's group (class) column
LABEL = "label"  # the "Colour by" entry of the archivist's labels (core/labels.py)
OWN_COLUMNS = (CLASS, LABEL)
METADATA_SUFFIX = " (metadata)"  # a metadata column named like one of OWN_COLUMNS
NEW_GROUP = QT_TRANSLATE_NOOP("CollectionMap", "New group")

class CollectionMapDialog(QDialog):
    """The map of one project by one method; computed in ``runner``, drawn when it arrives."""

    def __init__(self, runner: JobRunner, project, spec: str, loader: ThumbnailLoader | None,
                 sources: Callable[[int], tuple[str, str | None] | None], on_click: Callable[[int], object],
                 parent: QWidget | None = None, *, seed: int = 0, edits: GroundTruthEdits | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(translate("CollectionMap", "Collection map — {spec}").format(spec=spec))
        self.resize(1000, 800)
        self.runner = runner
        self.project = project
        self.spec = spec
        self.loader = loader
        self.sources = sources
        self.edits = edits
        self.view = MapView(on_click, on_lasso=self._lassoed)
        self.status = QLabel(translate("CollectionMap", "Laying out the collection by {spec}…").format(
            spec=spec))
        self.colour_combo = QComboBox()
        self.colour_combo.setToolTip(translate("CollectionMap", "Colour the dots by the class or by a "
                                                                "metadata column of the catalog"))
        self.colour_combo.addItems(OWN_COLUMNS)  # the metadata columns follow once read (_columns_read)
        self.colour_combo.currentTextChanged.connect(self.colour_by)
        self.lasso_button = QPushButton(translate("CollectionMap", "Lasso"))
        self.lasso_button.setCheckable(True)
        self.lasso_button.setToolTip(translate("CollectionMap", "Drag to draw a lasso around images "
                                                                "(Shift+drag does it without this)"))
        self.lasso_button.toggled.connect(lambda on: setattr(self.view, "lasso", on))
        self.selection_label = QLabel(translate("CollectionMap", "No selection"))
        self.export_button = QPushButton(translate("CollectionMap", "Export selection…"))
        self.export_button.clicked.connect(self._ask_export)
        self.flag_button = QPushButton(translate("CollectionMap", "Flag selection…"))
        self.flag_button.setToolTip(translate("CollectionMap", "Add a variation flag (relative to its "
                                                               "class's reference) to the selected images"))
        self.flag_button.clicked.connect(self._ask_flag)
        self.flag_button.setVisible(edits is not None)
        self.label_button = QPushButton(translate("CollectionMap", "Label selection…"))
        self.label_button.setToolTip(translate("CollectionMap", "Give the selected images a label of yours "
                                                                "(Colour by: label); undoable"))
        self.label_button.clicked.connect(self._ask_label)
        self.label_button.setVisible(edits is not None)
        self.group_button = QPushButton(translate("CollectionMap", "Add selection to a near-duplicate group…"))
        self.group_button.setToolTip(translate("CollectionMap", "Add the selected images to a near-duplicate "
                                                                "group, or make a new group of them"))
        self.group_button.clicked.connect(self._ask_group)
        self.clear_button = QPushButton(translate("CollectionMap", "Clear selection"))
        self.clear_button.clicked.connect(lambda: self._lassoed(np.zeros(len(self.points), bool)))
        tools = QHBoxLayout()
        tools.addWidget(QLabel(translate("CollectionMap", "Colour by")))
        tools.addWidget(self.colour_combo)
        tools.addStretch(1)
        for widget in (self.lasso_button, self.selection_label, self.export_button, self.flag_button,
                       self.label_button, self.group_button, self.clear_button):
            tools.addWidget(widget)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.legend.setMaximumWidth(240)
        self.legend.setWordWrap(True)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self.points: list = []
        self.shown = 0
        self.colouring: Colouring | None = None
        self.collection_map: CollectionMap | None = None
        self._export_path: Path | None = None
        self._selection_changed(np.zeros(0, bool))
        if loader is not None:
            loader.loaded.connect(self._thumbnail_arrived)
        if edits is not None:
            edits.changed.connect(self._edited)
            edits.add_shortcuts(self)
        # Reading the metadata keys scans every image's metadata: in the runner, not the GUI thread.
        self.columns_job = runner.start(Job("map columns", project.catalog.metadata_columns, with_progress=False,
                                            with_cancel=False), on_finished=self._columns_read)
        self.job = runner.start(Job("map", compute_map, project, spec, seed=seed),
                                on_finished=self._show, on_failed=self._failed, on_progress=self._progress)

    def _columns_read(self, columns: list[str]) -> None:
        """The catalog's metadata columns, offered under "Colour by" after the class and the label."""
        self.colour_combo.addItems([column + METADATA_SUFFIX if column in OWN_COLUMNS else column
                                    for column in columns])

    def _progress(self, progress: Progress) -> None:
        self.status.setText(f"{stage_text(progress.stage)}: {progress.done}/{progress.total} {progress.message}".rstrip())

    def _failed(self, message: str) -> None:
        self.status.setText(translate("CollectionMap", "No map: {message}").format(message=error_text(message)))

    def _show(self, collection_map: CollectionMap) -> None:
        self.collection_map = collection_map
        side = max(1000.0, TILE * 1.5 * math.sqrt(len(collection_map.points)))  # tiles touch at 1:1 at most
        points = [p for p in collection_map.points if self.sources(p.image_id) is not None]  # still catalogued
        self.points = points
        self.colouring = self._colouring(self.colour_combo.currentText())
        xy = np.array([[p.x * side, p.y * side] for p in points], dtype=np.float64).reshape(-1, 2)
        self.view.set_points(xy, [p.image_id for p in points], self.colouring, self._thumbnail_item)
        self._selection_changed(self.view.selected)
        self._show_legend()
        self.shown = len(points)
        figures = collection_map.neighbourhood
        kept = (translate("CollectionMap", "; kNN recall@{k} {recall:.2f}, trustworthiness {trustworthiness:.2f}").format(
            k=figures.k, recall=figures.knn_recall, trustworthiness=figures.trustworthiness) if figures is not None else "")
        self.status.setText(translate("CollectionMap", "{shown} images by {spec} ({algorithm}, {seconds:.1f} "
                                                       "s){kept}. Click an image to search with it; drag to "
                                                       "pan, wheel to zoom (thumbnails close in), Shift+drag "
                                                       "to select.").format(
            shown=self.shown, spec=self.spec, algorithm=collection_map.algorithm,
            seconds=collection_map.seconds, kept=kept))

    # -- colouring -------------------------------------------------------------------------------
    def _values(self, column: str) -> list[str | None]:
        """One value per map point: its class, or its value in the metadata ``column``."""
        if column == CLASS:
            return [p.group for p in self.points]
        if column == LABEL:
            labels = image_labels(self.project.catalog)
            return [labels.get(p.image_id) for p in self.points]
        values = self.project.catalog.metadata_values(column.removesuffix(METADATA_SUFFIX))
        return [values.get(p.image_id) for p in self.points]

    def _colouring(self, column: str) -> Colouring:
        return colour_by(self._values(column), classes=column == CLASS)

    def colour_by(self, column: str) -> None:
        """Recolour the dots by ``column`` (``class`` or a metadata column); the selection stays."""
        if self.colour_combo.currentText() != column:
            self.colour_combo.setCurrentText(column)  # comes back here through the signal
            return
        if not self.points:
            return
        self.colouring = self._colouring(column)
        self.view.set_colours(self.colouring)
        self._show_legend()

    def _show_legend(self) -> None:
        column = self.colour_combo.currentText()
        kind = " (binned)" if self.colouring is not None and self.colouring.binned else ""
        rows = "".join(f'<tr><td style="color:{colour.name()}">&#9679;</td><td>{html.escape(label)}</td>'
                       f'<td align="right">{count}</td></tr>'
                       for label, colour, count in (self.colouring.legend if self.colouring else []))
        self.legend.setText(f"<b>{html.escape(column)}</b>{kind}<table>{rows}</table>")

    # -- selection -------------------------------------------------------------------------------
    def _lassoed(self, selected: np.ndarray) -> None:
        self.view.set_selection(selected)
        self._selection_changed(selected)

    def _selection_changed(self, selected: np.ndarray) -> None:
        count = int(np.count_nonzero(selected))
        self.selection_label.setText(translate("CollectionMap", "{count} selected").format(
            count=count) if count else translate("CollectionMap", "No selection"))
        for button in (self.export_button, self.flag_button, self.label_button, self.group_button,
                       self.clear_button):
            button.setEnabled(count > 0)

    def selected_ids(self) -> list[int]:
        """The catalog ids of the selected images, in map (catalog id) order."""
        return [self.view.point_ids[row] for row in np.flatnonzero(self.view.selected).tolist()]

    def _ask_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, translate("CollectionMap", "Export the selection"), translate("CollectionMap", "selection.txt"),
                                                    translate("CollectionMap", "Selection (*.txt);;All files (*)"))
        if path:
            self.export_selection(path)

    def export_selection(self, path: str | Path) -> None:
        """Write the selection file (one catalog path per line) in the runner; said in the status."""
        ids = self.selected_ids()
        self._export_path = Path(path)
        self.status.setText(translate("CollectionMap", "Writing {count} images to {name}…").format(
            count=len(ids), name=self._export_path.name))
        # bound methods, not lambdas: a dialog closed before the job ends gets no answer (QT_OWNERSHIP.md)
        self.runner.start(Job("export selection", write_selection, self.project, ids, str(path),
                              with_progress=False, with_cancel=False),
                          on_finished=self._selection_written, on_failed=self._selection_not_written)

    def _selection_written(self, count: int) -> None:
        self.status.setText(translate("CollectionMap", "{count} images written to {export_path}: "
                                                       "heritage-explorer export --selection {name}").format(
            count=count, export_path=self._export_path, name=self._export_path.name))

    def _selection_not_written(self, message: str) -> None:
        self.status.setText(translate("CollectionMap", "Selection not written: {message}").format(
            message=error_text(message)))

    def _ask_flag(self) -> None:
        variation, ok = QInputDialog.getItem(self, translate("CollectionMap", "Flag the selection"), translate(
            "CollectionMap", "Variation the selected images show relative to their class's reference:"),
            [variation_name(v) for v in VARIATIONS], 0, False)
        if ok:
            self.flag_selection(next(v for v in VARIATIONS if variation_name(v) == variation))

    def flag_selection(self, variation: str) -> tuple[int, int]:
        """Add ``variation`` to the flags of the selected images (one undoable edit); said in the status."""
        if self.edits is None:
            return 0, 0
        try:
            flagged, unflaggable = self.edits.flag_images(self.selected_ids(), variation)
        except HeritageError as exc:  # the catalog went away or became read-only meanwhile
            self.status.setText(translate("CollectionMap", "Not flagged: {exc}").format(exc=error_text(str(exc))))
            return 0, 0
        skipped = (translate("CollectionMap", "; {count} without a class or a class's reference, not flagged")
                   .format(count=unflaggable) if unflaggable else "")
        self.status.setText(translate("CollectionMap", "{variation} flagged on {flagged} images{skipped} "
                                                       "(Ctrl+Z in the window undoes it).").format(
            variation=variation_name(variation), flagged=flagged, skipped=skipped))
        return flagged, unflaggable

    def _ask_label(self) -> None:
        known = list(label_counts(self.project.catalog))
        label, ok = QInputDialog.getItem(self, translate("CollectionMap", "Label the selection"),
                                         translate("CollectionMap", "Label of the selected images (a new name "
                                                                    "or one already given):"), known, 0, True)
        if ok:
            self.label_selection(label)

    def label_selection(self, label: str) -> int:
        """Give ``label`` to the selected images (one undoable edit); said in the status."""
        if self.edits is None:
            return 0
        with self.edits.refusals() as failures:
            changed = self.edits.label_images(self.selected_ids(), label)
        if failures:
            self.status.setText(translate("CollectionMap", "Not labelled: {reason}").format(reason=error_text(failures[-1])))
        else:
            self.status.setText(translate("CollectionMap", "{label} given to {count} images (Ctrl+Z in the window "
                                                           "undoes it).").format(label=label.strip(), count=changed))
        return changed

    def _edited(self, kind: str, _where: dict) -> None:
        """A label given, undone or redone: recoloured when the map shows the labels."""
        if kind == LABELS and self.colour_combo.currentText() == LABEL:
            self.colour_by(LABEL)

    def _review(self) -> DuplicateReview:
        return load_review(self.project) or DuplicateReview(DUPLICATES_METHOD)

    def _ask_group(self) -> None:
        try:
            review = self._review()
        except HeritageError as exc:
            self.status.setText(translate("CollectionMap", "No near-duplicate groups: {exc}").format(exc=error_text(str(exc))))
            return
        choices = [translate("CollectionMap", NEW_GROUP)] + [
            translate("CollectionMap", "Group {number}: {name} ({count} images)").format(
                number=n, name=Path(g.representative).name, count=len(g.images))
            for n, g in enumerate(review.groups, 1)]
        choice, ok = QInputDialog.getItem(self, translate("CollectionMap", "Add to a near-duplicate group"),
                                          translate("CollectionMap", "Put the selected images in:"),
                                          choices, 0, False)
        if ok:
            index = choices.index(choice)
            self.add_selection_to_group(None if index == 0 else index - 1)

    def add_selection_to_group(self, index: int | None) -> int | None:
        """Put the selected images in near-duplicate group ``index`` (``None``: a new group of them),
        saved in the project's review (View ▸ Near-duplicate groups) as one undoable edit when the
        dialog has the window's edits; returns the group's index."""
        ids = {row.path: row.id for row in self.project.catalog.images(ids=self.selected_ids())}
        paths = list(ids)
        text = (translate("CollectionMap", "new near-duplicate group of {count} images (map selection)") if index is None
                else translate("CollectionMap", "add {count} images to near-duplicate group {number} (map selection)")
                ).format(count=len(paths), number=(index or 0) + 1)
        with self.edits.refusals() if self.edits is not None else nullcontext([]) as failures:
            try:
                edit = plan_add_to_group(self.project, paths, index)
                if self.edits is None:
                    edit.redo(self.project)
                else:
                    self.edits.push_review(self.project, edit, text, ids)
            except HeritageError as exc:
                failures.append(str(exc))
        if failures:
            self.status.setText(translate("CollectionMap", "Not added to a group: {exc}").format(exc=error_text(failures[-1])))
            return None
        total = len(load_review(self.project).groups)
        self.status.setText(translate("CollectionMap", "{count} images in near-duplicate group {number} of {total} "
                                                       "(View ▸ Near-duplicate groups to review it; Ctrl+Z "
                                                       "undoes it).").format(
            count=len(paths), number=edit.group + 1, total=total))
        return edit.group

    # -- thumbnails ------------------------------------------------------------------------------
    def _thumbnail_item(self, row: int) -> MapPointItem | None:
        point = self.points[row]
        source = self.sources(point.image_id)
        if source is None:
            return None
        colour = self.colouring.colours[row] if self.colouring is not None else SELECTED
        item = MapPointItem(point.image_id, source[0], source[1], colour, self.loader)
        item.setPos(QPointF(*self.view.xy[row]))
        item.setToolTip(point.path + "\n" + (point.group or translate("CollectionMap", "no group")))
        return item

    def _thumbnail_arrived(self, image_id: int) -> None:
        for item in self.view.thumbnails.values():
            if item.image_id == image_id:
                item.update()



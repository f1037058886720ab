"""The near-duplicate groups panel (issue #21 part 2): find, review and export copies of one photograph.

The groups come from :func:`heritage_explorer.pipeline.duplicate_review.find_groups` (in the
window's runner, with progress and Cancel); the list on the left shows each group (✓ once
confirmed), the grid on the right its images, the representative badged. Confirm, split the
selected images out, merge the selected groups, make the current image the representative,
export CSV: each edit is saved at once (``P/near_duplicates.json``, atomically) and, with the
window's :class:`GroundTruthEdits`, is one step of its undo stack (:mod:`pipeline.review_history`).
The panel observes that one owner: an edit made elsewhere (the collection map's "add to a group"),
an undo or a redo re-reads the review and refills the list and the grid, so nothing stale stays.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.annotation_commands import REVIEW, GroundTruthEdits
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.thumbnails import ResultItem, ResultsModel, Roles
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.vocabulary import stage_text
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.duplicate_review import DuplicateReview, find_groups, load_review
from heritage_explorer.pipeline.review_history import plan_review_edit

REPRESENTATIVE = "representative"


class DuplicatesModel(ResultsModel):
    """A group's images; the representative's badge says so."""

    representative: int | None = None

    def set_group(self, items: list[ResultItem], representative: int | None) -> None:
        self.representative = representative
        self.set_items(items)

    def _extra(self, row: int, role: int) -> object:
        if role == Roles.Badge:
            return REPRESENTATIVE if self.items[row].image_id == self.representative else None
        return super()._extra(row, role)


def _with_ids(project, review: DuplicateReview | None) -> tuple[DuplicateReview | None, dict[str, int]]:
    """``review`` and the id of every catalogued path (in a worker)."""
    return review, {row.path: row.id for row in project.catalog.images()}


def _load(project) -> tuple[DuplicateReview | None, dict[str, int]]:
    return _with_ids(project, load_review(project))


def _find(project, method: str, *, progress=None, cancel=None) -> tuple[DuplicateReview, dict[str, int]]:
    return _with_ids(project, find_groups(project, method, progress=progress, cancel=cancel))


class NearDuplicatesDialog(QDialog):
    """Near-duplicate groups of one project, found with the global ``method``."""

    def __init__(self, runner: JobRunner, project, method: str, loader: ThumbnailLoader | None,
                 sources: Callable[[int], tuple[str, str | None] | None], on_open: Callable[[int], object],
                 parent: QWidget | None = None, *, edits: GroundTruthEdits | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(translate("DuplicatesPanel", "Near-duplicate groups — {method}").format(
            method=method))
        self.resize(1000, 700)
        self.runner, self.project, self.method, self.sources = runner, project, method, sources
        self.review: DuplicateReview | None = None
        self.ids: dict[str, int] = {}
        self.job: Job | None = None
        self.edits = edits
        self._edited_since_open = False  # an edit came before the first reading: read the file again
        self.find_button = QPushButton(translate("DuplicatesPanel", "Find groups ({method})").format(
            method=method))
        self.find_button.setToolTip(translate("DuplicatesPanel", "Group the copies of one photograph: rescaled, recompressed, cropped, framed, "
                                    "recoloured, rotated; decisions on groups found again are kept"))
        self.find_button.clicked.connect(self.find)
        self.cancel_button = QPushButton(translate("DuplicatesPanel", "Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel(translate("DuplicatesPanel", "Reading the saved groups…"))
        self.groups = QListWidget()
        self.groups.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.groups.currentRowChanged.connect(self._show_group)
        self.groups.itemSelectionChanged.connect(self._update_buttons)
        self.grid = ThumbnailGrid(self, size=160)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.model = DuplicatesModel(self, thumbnail_size=160)
        self.model.set_loader(loader)
        self.grid.setModel(self.model)
        self.grid.doubleClicked.connect(lambda index: on_open(int(index.data(Roles.ImageId))))
        self.buttons = {
            "confirm": QPushButton(translate("DuplicatesPanel", "Confirm group")), "split": QPushButton(translate("DuplicatesPanel", "Split selected images out")),
            "merge": QPushButton(translate("DuplicatesPanel", "Merge selected groups")), "representative": QPushButton(translate("DuplicatesPanel", "Make representative")),
            "export": QPushButton(translate("DuplicatesPanel", "Export CSV…")),
        }
        self.buttons["confirm"].clicked.connect(self.toggle_confirmed)
        self.buttons["split"].clicked.connect(self.split_selected)
        self.buttons["merge"].clicked.connect(self.merge_selected)
        self.buttons["representative"].clicked.connect(self.make_representative)
        self.buttons["export"].clicked.connect(self._ask_export)
        top = QHBoxLayout()
        top.addWidget(self.find_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.status, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.groups)
        splitter.addWidget(self.grid)
        splitter.setSizes([280, 720])
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        self._update_buttons()
        if edits is not None:
            edits.changed.connect(self._edited)
            edits.add_shortcuts(self)
        self.runner.start(Job("near-duplicate review", _load, project, with_progress=False, with_cancel=False),
                          on_finished=self._loaded, on_failed=self._failed)

    # -- running -------------------------------------------------------------------------------------
    def find(self) -> None:
        if self.job is not None:
            return
        self.find_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(translate("DuplicatesPanel", "Finding near-duplicates with {method}…").format(
            method=self.method))
        self.job = self.runner.start(Job("near-duplicates", _find, self.project, self.method),
                                     on_finished=self._found, on_failed=self._failed, on_progress=self._progress,
                                     on_cancelled=self._cancelled)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress(self, progress: Progress) -> None:
        self.status.setText(f"{stage_text(progress.stage)}: {progress.done}/{progress.total} {progress.message}".rstrip())

    def _job_done(self) -> None:
        self.job = None
        self.find_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _cancelled(self) -> None:
        self._job_done()
        self.status.setText(translate("DuplicatesPanel", "Cancelled; the SIFT features described so far are "
                                                         "cached, a new run resumes from them."))

    def _failed(self, message: str) -> None:
        self._job_done()
        self.status.setText(translate("DuplicatesPanel", "No groups: {message}").format(message=error_text(message)))

    def _loaded(self, answer: tuple[DuplicateReview | None, dict[str, int]]) -> None:
        review, ids = answer
        self.ids = {**self.ids, **ids}
        if self._edited_since_open:  # read before an edit of the map, an undo or a redo: stale
            self._reread(self.groups.currentRow())
            return
        if review is None:
            self.status.setText(translate("DuplicatesPanel", "No groups yet: Find groups looks for copies of "
                                                             "one photograph in the collection."))
            return
        self._set_review(review)

    def _found(self, answer: tuple[DuplicateReview, dict[str, int]]) -> None:
        self._job_done()
        review, self.ids = answer
        self._set_review(review)

    def _set_review(self, review: DuplicateReview) -> None:
        self.review = review
        self._fill(0)

    # -- showing -------------------------------------------------------------------------------------
    def _fill(self, current: int) -> None:
        review = self.review
        self.groups.blockSignals(True)
        self.groups.clear()
        for n, group in enumerate(review.groups if review is not None else [], 1):
            item = QListWidgetItem(translate("DuplicatesPanel", "{mark}{n}. {count} images — {name}").format(
                mark='✓ ' if group.confirmed else '', n=n, count=len(group.images),
                name=Path(group.representative).name))
            item.setToolTip("\n".join(group.images))
            self.groups.addItem(item)
        self.groups.blockSignals(False)
        if review is not None:
            confirmed = sum(g.confirmed for g in review.groups)
            self.status.setText(translate("DuplicatesPanel", "{count} groups ({images} images; {confirmed} "
                                                             "confirmed) by {method}. Double-click an image "
                                                             "to open it.").format(
                count=len(review.groups), images=sum(len(g.images) for g in review.groups),
                confirmed=confirmed, method=review.method))
        if self.groups.count():
            self.groups.setCurrentRow(min(current, self.groups.count() - 1))
        self._show_group(self.groups.currentRow())

    def _show_group(self, index: int) -> None:
        items, representative = [], None
        if self.review is not None and 0 <= index < len(self.review.groups):
            group = self.review.groups[index]
            representative = self.ids.get(group.representative)
            for rank, path in enumerate(group.images, 1):
                image_id = self.ids.get(path)
                source = self.sources(image_id) if image_id is not None else None
                if source is not None:  # else no longer catalogued
                    items.append(ResultItem(image_id, source[0], source[1], None, rank, None))
        self.model.set_group(items, representative)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.review is not None and self.groups.currentRow() >= 0
        for name in ("confirm", "split", "representative", "export"):
            self.buttons[name].setEnabled(has)
        self.buttons["merge"].setEnabled(has and len(self.groups.selectedIndexes()) >= 2)
        if has:
            group = self.review.groups[self.groups.currentRow()]
            self.buttons["confirm"].setText(translate("DuplicatesPanel", "Unconfirm group") if group.confirmed else translate("DuplicatesPanel", "Confirm group"))

    def selected_paths(self) -> list[str]:
        """Catalog paths of the images selected in the grid."""
        group = self.review.groups[self.groups.currentRow()]
        chosen = {int(index.data(Roles.ImageId)) for index in self.grid.selectionModel().selectedIndexes()}
        return [p for p in group.images if self.ids.get(p) in chosen]

    # -- edits ---------------------------------------------------------------------------------------
    def _edit(self, change: Callable[[DuplicateReview, int], int | None], text: str) -> None:
        """Make ``change`` to the saved review (undoable with the window's edits); then shown."""
        index = self.groups.currentRow()
        with self.edits.refusals() if self.edits is not None else nullcontext([]) as failures:
            try:
                edit = plan_review_edit(self.project, lambda review: change(review, index), method=self.method)
                if self.edits is None:
                    edit.redo(self.project)
                else:
                    self.edits.push_review(self.project, edit, text)  # shown by _edited
            except HeritageError as exc:
                failures.append(str(exc))
        if failures:
            self.status.setText(error_text(failures[-1]))
        elif self.edits is None:
            self._reread(index if edit.group is None else edit.group)

    def _edited(self, kind: str, where: dict) -> None:
        """An edit of the review (here, on the map), an undo or a redo: show the file as it is now."""
        if kind != REVIEW:
            return
        self._edited_since_open = True
        self.ids.update(where.get("ids", {}))
        group = where.get("group")
        self._reread(self.groups.currentRow() if group is None else group)

    def _reread(self, current: int) -> None:
        try:
            self.review, problem = load_review(self.project), None
        except HeritageError as exc:
            self.review, problem = None, error_text(str(exc))
        self._fill(max(current, 0))
        if self.review is None:
            self.status.setText(problem or translate("DuplicatesPanel", "No groups yet: Find groups looks for "
                                                                        "copies of one photograph in the collection."))

    def _number(self) -> int:
        return self.groups.currentRow() + 1

    def toggle_confirmed(self) -> None:
        confirmed = self.review.groups[self.groups.currentRow()].confirmed
        text = (translate("DuplicatesPanel", "unconfirm near-duplicate group {number}") if confirmed
                else translate("DuplicatesPanel", "confirm near-duplicate group {number}")).format(number=self._number())
        self._edit(lambda review, i: review.confirm(i, not confirmed), text)

    def split_selected(self) -> None:
        paths = self.selected_paths()
        self._edit(lambda review, i: review.split(i, paths), translate(
            "DuplicatesPanel", "split {count} images out of near-duplicate group {number}").format(
            count=len(paths), number=self._number()))

    def merge_selected(self) -> None:
        rows = sorted(index.row() for index in self.groups.selectedIndexes())
        self._edit(lambda review, _i: review.merge(rows), translate(
            "DuplicatesPanel", "merge near-duplicate groups {numbers}").format(
            numbers=", ".join(str(r + 1) for r in rows)))

    def make_representative(self) -> None:
        current = self.grid.currentIndex()
        if not current.isValid():
            self.status.setText(translate("DuplicatesPanel", "Click the image that should stand for the "
                                                             "group first."))
            return
        image_id = int(current.data(Roles.ImageId))
        path = next(p for p in self.review.groups[self.groups.currentRow()].images if self.ids.get(p) == image_id)
        self._edit(lambda review, i: review.set_representative(i, path), translate(
            "DuplicatesPanel", "representative of near-duplicate group {number}: {name}").format(
            number=self._number(), name=Path(path).name))

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("DuplicatesPanel", "Export the near-duplicate groups"), translate("DuplicatesPanel", "near_duplicates.csv"),
                                              translate("DuplicatesPanel", "CSV (*.csv)"))
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        try:
            self.review.write_csv(path)
        except (HeritageError, OSError) as exc:
            self.status.setText(translate("DuplicatesPanel", "Not exported: {exc}").format(exc=error_text(str(exc))))
            return
        self.status.setText(translate("DuplicatesPanel", "Exported {count} groups to {path}").format(
            count=len(self.review.groups), path=path))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.cancel()
        if self.edits is not None:
            self.edits.changed.disconnect(self._edited)
            self.edits = None
        self.model.set_loader(None)
        super().closeEvent(event)

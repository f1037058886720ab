"""Variation annotation panel (Gominski et al. 2019, §2.2): a class's images, its reference, the 11 types.

Pick a class; its images fill the grid, the reference and the current image are shown large.
For the current image, tick the variations it shows *relative to the reference*; the class's
0-3 predominance scores follow live (auto) or are set by hand; the overall difficulty is their
sum. The panel suggests as reference the image most similar to the rest of its class by the
chosen descriptor (``pipeline.ground_truth.suggest_reference``). Everything is keyboard-driven
(see :data:`KEY_LEGEND`) and every change goes through :class:`GroundTruthEdits`: written to
the catalog at once, undoable.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore, ClassAnnotation
from heritage_explorer.gui.annotation_commands import ANNOTATIONS, GroundTruthEdits
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.thumbnails import ResultItem, ResultsModel, Roles
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.vocabulary import variation_abbreviation, variation_name
from heritage_explorer.gui.widgets.combos import refill_combo
from heritage_explorer.gui.widgets.image_preview import ImagePreview, PreviewCache
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.gui.widgets.variation_editor import VARIATION_KEYS, VariationEditor
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline import Project
from heritage_explorer.pipeline.ground_truth import suggest_reference

NEXT_KEYS = ("Right", "J")
PREVIOUS_KEYS = ("Left", "K")
REFERENCE_KEY = "R"
SUGGESTION_KEY = "S"
NEEDS_REFERENCE = QT_TRANSLATE_NOOP("AnnotationPanel", "Choose the reference first (R on the image that shows the object in the most common way, "
                   "or S for the suggestion): variations and scores are relative to it.")
KEY_LEGEND = QT_TRANSLATE_NOOP(
    "AnnotationPanel",
    "Keys: → or J next image · ← or K previous · 1–9, 0 and − toggle the 11 variations in order "
    "(− = Time changes) · R make the current image the reference · S use the suggested reference · "
    "Ctrl+Z undo · Ctrl+Shift+Z redo. Every change is saved at once."
)


class ClassImagesModel(ResultsModel):
    """The images of one class: the reference framed and badged, each image's flags as a badge."""

    def __init__(self, parent: QObject | None = None, *, thumbnail_size: int = 112):
        super().__init__(parent, thumbnail_size=thumbnail_size)
        self.annotation: ClassAnnotation | None = None
        self.suggested: int | None = None

    def set_annotation(self, annotation: ClassAnnotation | None, suggested: int | None = None) -> None:
        self.annotation, self.suggested = annotation, suggested
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def badge(self, image_id: int) -> str:
        annotation = self.annotation
        if annotation is None:
            return ""
        if image_id == annotation.reference_image_id:
            return translate("AnnotationPanel", "REF")
        flags = annotation.flags.get(image_id, frozenset())
        parts = [translate("AnnotationPanel", "suggested")] if image_id == self.suggested else []
        return " ".join(parts + [variation_abbreviation(v).rstrip(".") for v in VARIATIONS if v in flags])

    def _extra(self, row: int, role: int) -> object:
        image_id = self.items[row].image_id
        if role == Roles.Badge:
            return self.badge(image_id) or None
        if role == Roles.Highlight:
            return self.annotation is not None and image_id == self.annotation.reference_image_id
        return None


class AnnotationPanel(QWidget):
    """The variation annotation of one class at a time, driven by the keyboard."""

    message = Signal(str, str)  # text, level

    def __init__(self, runner: JobRunner, edits: GroundTruthEdits, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.edits = edits
        self.project: Project | None = None
        self.store: AnnotationStore | None = None
        self.annotation: ClassAnnotation | None = None
        self.suggestion = None  # ReferenceSuggestion of the class shown, by the spec chosen
        self._suggest_serial = 0
        self._suggest_job: Job | None = None  # one at a time: each loads every vector of the method
        self._suggest_wanted = False  # the class shown changed while it ran: look again when it ends
        self.class_combo = QComboBox()
        self.class_combo.setMinimumContentsLength(18)
        self.class_combo.setToolTip(translate("AnnotationPanel", "Class to annotate (the images sharing a "
                                                                 "label)"))
        self.class_combo.currentIndexChanged.connect(lambda _i: self.show_class(self.class_combo.currentData()))
        self.method_combo = QComboBox()
        self.method_combo.setMinimumContentsLength(14)
        self.method_combo.setToolTip(translate("AnnotationPanel", "Descriptor used to suggest the reference: the image with the highest "
                                     "mean cosine similarity to the other images of its class"))
        self.method_combo.currentTextChanged.connect(lambda _t: self._suggest())
        self.chosen_method: str | None = None  # picked by the user; else the search method is followed
        self.method_combo.activated.connect(lambda _i: setattr(self, "chosen_method", self.method_combo.currentText()))
        self.suggestion_label = QLabel()
        self.use_suggestion = QPushButton(translate("AnnotationPanel", "Use suggestion ({suggestion_key})").format(
            suggestion_key=SUGGESTION_KEY))
        self.use_suggestion.clicked.connect(self.use_suggested_reference)
        for widget in (self.class_combo, self.method_combo, self.use_suggestion):
            widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("AnnotationPanel", "Class:")))
        top.addWidget(self.class_combo)
        top.addWidget(QLabel(translate("AnnotationPanel", "Suggest the reference with:")))
        top.addWidget(self.method_combo)
        top.addStretch(1)
        top.addWidget(self.use_suggestion)

        self.model = ClassImagesModel(self)
        self.view = ThumbnailGrid(self, size=112)
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(lambda index: self.set_reference_image(int(index.data(Roles.ImageId))))
        self.previews = PreviewCache(runner)
        self.reference_preview = ImagePreview(translate("AnnotationPanel", "Reference"), self.previews)
        self.current_preview = ImagePreview(translate("AnnotationPanel", "Current image"), self.previews)
        pictures = QSplitter(Qt.Orientation.Vertical)
        pictures.addWidget(self.reference_preview)
        pictures.addWidget(self.current_preview)
        self.editor = VariationEditor()
        self.editor.flag_toggled.connect(self.toggle)
        self.editor.score_chosen.connect(self._score_chosen)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for widget in (self.view, pictures, self.editor):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([520, 440, 380])  # scaled to the panel's width: ~4 thumbnail columns
        self.legend = QLabel(translate("AnnotationPanel", KEY_LEGEND))
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555;")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.legend)
        scroll = QScrollArea()  # in a small window the panel scrolls rather than making the window grow
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._shortcuts()
        self.edits.changed.connect(self._edited)
        self.show_class(None)

    def _shortcuts(self) -> None:
        bindings = [(key, self.next_image) for key in NEXT_KEYS] + [(key, self.previous_image) for key in PREVIOUS_KEYS]
        bindings += [(key, lambda v=v: self.toggle(v)) for key, v in zip(VARIATION_KEYS, VARIATIONS, strict=True)]
        bindings += [(REFERENCE_KEY, lambda: self.set_reference_image(self.current_id)),
                     (SUGGESTION_KEY, self.use_suggested_reference)]
        self.shortcuts = []
        for key, slot in bindings:
            shortcut = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    # -- project and class -------------------------------------------------------------------------
    def set_project(self, project: Project | None, loader: ThumbnailLoader | None) -> None:
        self.project = project
        self.store = AnnotationStore(project.catalog) if project is not None else None
        self.model.set_loader(loader)
        self.previews.clear()
        self.reload_classes()

    def set_methods(self, specs: list[str], preferred: str | None = None) -> None:
        """Offer ``specs``: the one the user picked here, else ``preferred`` (the search method)."""
        refill_combo(self.method_combo, specs, self.chosen_method if self.chosen_method in specs else preferred)
        self._suggest()

    def reload_classes(self) -> None:
        """Fill the class list from the catalog, keeping the class shown when it still exists."""
        current = self.class_combo.currentData()
        classes = self.store.classes() if self.store is not None else {}
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for name, size in classes.items():
            self.class_combo.addItem(f"{name} ({size})", name)
        chosen = current if current in classes else next(iter(classes), None)
        if chosen is not None:
            self.class_combo.setCurrentIndex(self.class_combo.findData(chosen))
        self.class_combo.blockSignals(False)
        self.show_class(chosen)

    def show_class(self, class_name: str | None, image_id: int | None = None) -> None:
        """Show the images of ``class_name`` and make ``image_id`` (default: the first) current."""
        if class_name is not None and self.class_combo.currentData() != class_name:
            self.class_combo.blockSignals(True)
            self.class_combo.setCurrentIndex(self.class_combo.findData(class_name))
            self.class_combo.blockSignals(False)
        items = []
        if class_name is not None and self.store is not None:
            items = [ResultItem(row.id, str(row.abspath), row.sha256, class_name, 0, None)
                     for row in self.store.catalog.images(group=class_name)]
            self.annotation = self.store.get(class_name)
        else:
            self.annotation = None
        self.suggestion = None
        self.model.set_items(items)
        self.model.set_annotation(self.annotation)
        self.editor.set_class(self.annotation)
        self._show_reference()
        rows = self.model.rows_of(image_id) if image_id is not None else []
        self.select_row(rows[0] if rows else 0)
        if not items:
            self._show_current()
        self._suggest()

    @property
    def class_name(self) -> str | None:
        return self.annotation.class_name if self.annotation is not None else None

    # -- current image -----------------------------------------------------------------------------
    @property
    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return int(index.data(Roles.ImageId)) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def next_image(self) -> None:
        self.select_row(min(self.view.currentIndex().row() + 1, self.model.rowCount() - 1))

    def previous_image(self) -> None:
        self.select_row(max(self.view.currentIndex().row() - 1, 0))

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _show_current(self) -> None:
        image_id = self.current_id
        annotation = self.annotation
        if image_id is None or annotation is None:
            self.editor.set_image(frozenset(), enabled=False,
                                  note=translate("AnnotationPanel", "No class: import a collection with labels "
                                                 "(a group column).") if annotation is None else "")
            self.current_preview.show_image(None, empty_text=translate("AnnotationPanel", "No image"))
            return
        row = self.view.currentIndex().row()
        item = self.model.items[row]
        is_reference = image_id == annotation.reference_image_id
        if is_reference:
            note = translate("AnnotationPanel", "This is the reference: the other images are compared with "
                                                "it.")
        elif annotation.reference_image_id is None:
            note = translate("AnnotationPanel", NEEDS_REFERENCE)
        else:
            note = translate("AnnotationPanel", "Tick what this image shows relative to the reference:")
        can_tick = not is_reference and annotation.reference_image_id is not None
        self.editor.set_image(annotation.flags.get(image_id, frozenset()), enabled=can_tick,
                              note=f"<b>{row + 1}/{self.model.rowCount()}</b> {os.path.basename(item.path)} — {note}")
        flags = annotation.flags.get(image_id, frozenset())
        shown = ", ".join(variation_name(v) for v in VARIATIONS if v in flags)
        self.current_preview.show_image(image_id, item.path, f"{os.path.basename(item.path)} — " + (
            translate("AnnotationPanel", "the reference") if is_reference else
            translate("AnnotationPanel", "shows: {variations}").format(variations=shown) if shown else
            translate("AnnotationPanel", "no variation ticked")))

    def _show_reference(self) -> None:
        annotation = self.annotation
        reference = annotation.reference_image_id if annotation is not None else None
        rows = self.model.rows_of(reference) if reference is not None else []
        if not rows:
            self.reference_preview.show_image(None, empty_text=translate(
                "AnnotationPanel", "No reference chosen yet (R, or S for the suggestion)"))
            return
        item = self.model.items[rows[0]]
        self.reference_preview.show_image(reference, item.path, os.path.basename(item.path))

    # -- edits -------------------------------------------------------------------------------------
    def toggle(self, variation: str) -> None:
        image_id = self.current_id
        if image_id is None or self.annotation is None:
            return
        if self.annotation.reference_image_id is None:
            self.message.emit(translate("AnnotationPanel", NEEDS_REFERENCE), "info")
            return
        if image_id == self.annotation.reference_image_id:
            self.message.emit(translate("AnnotationPanel", "The reference cannot vary from itself: choose "
                                                           "another image."), "info")
            self._show_current()
            return
        self.edits.toggle_flag(image_id, variation)

    def set_reference_image(self, image_id: int | None) -> None:
        if image_id is not None and self.class_name is not None:
            self.edits.set_reference(self.class_name, image_id)

    def use_suggested_reference(self) -> None:
        if self.suggestion is None:
            self.message.emit(translate("AnnotationPanel", "No suggestion for this class yet (it needs "
                                                           "extracted descriptors)."), "info")
            return
        self.set_reference_image(self.suggestion.image_id)

    def _score_chosen(self, variation: str, score: int | None) -> None:
        if self.annotation is not None and self.annotation.reference_image_id is None:
            self.message.emit(translate("AnnotationPanel", NEEDS_REFERENCE), "info")
            self.editor.set_class(self.annotation)
        elif self.class_name is not None:
            self.edits.set_score(self.class_name, variation, score)

    def _edited(self, kind: str, where: dict) -> None:
        """After an edit, an undo or a redo: re-read the class from the catalog and show the change."""
        if kind != ANNOTATIONS or self.store is None:
            return
        class_name = where.get("class") or self.class_name
        image_id = where.get("image", self.current_id)
        if class_name != self.class_name:  # undo/redo of an edit made in another class: go there
            self.show_class(class_name, image_id)
            return
        self.annotation = self.store.get(class_name)
        self.model.set_annotation(self.annotation, self.suggestion.image_id if self.suggestion else None)
        self.editor.set_class(self.annotation)
        self._show_reference()
        rows = self.model.rows_of(image_id) if image_id is not None else []
        if rows and rows[0] != self.view.currentIndex().row():
            self.select_row(rows[0])
        else:
            self._show_current()

    # -- suggestion --------------------------------------------------------------------------------
    def _suggest(self) -> None:
        self._suggest_serial += 1
        self._suggest_wanted = False
        self.suggestion = None
        self.use_suggestion.setEnabled(False)
        if self.project is None or self.annotation is None:
            self.suggestion_label.setText("")
            return
        if not self.method_combo.currentText():
            self.suggestion_label.setText(translate("AnnotationPanel", "No descriptors yet: extract a method "
                                                                       "to get a suggested reference."))
            return
        self.suggestion_label.setText(translate("AnnotationPanel", "Looking for the most typical image…"))
        self._suggest_wanted = True
        if self._suggest_job is None:  # else when the running one ends (classes flipped through quickly)
            self._start_suggestion()

    def _start_suggestion(self) -> None:
        self._suggest_wanted = False
        serial, spec = self._suggest_serial, self.method_combo.currentText()
        ids = [item.image_id for item in self.model.items]
        job = Job("suggest reference", suggest_reference, self.project, spec, ids, with_progress=False,
                  with_cancel=False)
        job.signals.ended.connect(self._suggestion_ended)
        self._suggest_job = self.runner.start(
            job, on_finished=lambda result: self._suggested(serial, spec, result),
            on_failed=lambda text: serial == self._suggest_serial and self.suggestion_label.setText(error_text(text)))

    def _suggestion_ended(self) -> None:
        self._suggest_job = None
        if self._suggest_wanted:
            self._start_suggestion()

    def _suggested(self, serial: int, spec: str, suggestion) -> None:
        if serial != self._suggest_serial:
            return
        self.suggestion = suggestion
        rows = self.model.rows_of(suggestion.image_id)
        name = os.path.basename(self.model.items[rows[0]].path) if rows else f"#{suggestion.image_id}"
        self.suggestion_label.setText(
            translate("AnnotationPanel", "Suggested: <b>{name}</b> (mean cosine {mean_similarity:.3f} to the "
                                         "others by {spec})").format(
                name=name, mean_similarity=suggestion.mean_similarity, spec=spec))
        self.suggestion_label.setToolTip(
            translate("AnnotationPanel", "The image of the class most similar on average to the other "
                                         "images: often the most common view"))
        self.use_suggestion.setEnabled(True)
        self.model.set_annotation(self.annotation, suggestion.image_id)

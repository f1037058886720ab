"""Undoable edits of a project's ground truth: variation flags, references, score overrides, judgments, labels,
and of its near-duplicate review (``P/near_duplicates.json``, :mod:`pipeline.review_history`).

Every edit is a :class:`QUndoCommand` whose ``redo``/``undo`` write to the catalog at once
(one SQLite transaction each, through :class:`AnnotationStore`; the review file atomically), so
there is no "save" step and a killed application loses nothing. Every kind shares one
:class:`QUndoStack`: Ctrl+Z undoes the last change, whichever panel or dialog it was made in.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from heritage_explorer.core.annotations import AnnotationError, AnnotationStore
from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError, ProjectError
from heritage_explorer.core.labels import label_edit
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.vocabulary import variation_abbreviation
from heritage_explorer.pipeline.review_history import ReviewEdit

ANNOTATIONS = "annotations"
JUDGMENTS = "judgments"
LABELS = "labels"  # the archivist's own labels (core/labels.py)
REVIEW = "review"  # the near-duplicate groups of the review (pipeline/duplicate_review.py)
#: The one vocabulary of judgments on screen (keys, thumbnail bands, undo texts); stored labels
#: are the revisited protocol's (easy, hard, junk, wrong).
JUDGMENT_WORDS = {"easy": QT_TRANSLATE_NOOP("AnnotationCommands", "good"),
                  "hard": QT_TRANSLATE_NOOP("AnnotationCommands", "ok (hard)"),
                  "junk": QT_TRANSLATE_NOOP("AnnotationCommands", "junk"),
                  "wrong": QT_TRANSLATE_NOOP("AnnotationCommands", "wrong")}


class GroundTruthEdits(QObject):
    """The undo stack of one project's annotations and judgments, and the signals saying what changed."""

    #: After every redo and undo: ANNOTATIONS, JUDGMENTS, LABELS or REVIEW, and where the change was
    #: ({"class": name, "image": id}, {"query": id, "result": id}, {"images": ids, "label": text} or
    #: {"group": index or None, "ids": {path: id}}), so a view can show it.
    changed = Signal(str, object)
    failed = Signal(str)  # an edit the store refused (the reason), nothing was written

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.store: AnnotationStore | None = None

    def set_store(self, store: AnnotationStore | None) -> None:
        """Edit another project's catalog; the history of the previous one is dropped."""
        self.stack.clear()
        self.store = store

    def add_shortcuts(self, widget: QWidget) -> None:
        """Ctrl+Z and Ctrl+Shift+Z in ``widget``'s window (a dialog of its own) too: actions of the
        stack, children of ``widget``."""
        for action, keys in ((self.stack.createUndoAction(widget), QKeySequence.StandardKey.Undo),
                             (self.stack.createRedoAction(widget), QKeySequence.StandardKey.Redo)):
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            widget.addAction(action)

    @contextmanager
    def refusals(self) -> Iterator[list[str]]:
        """The reasons given through ``failed`` while the block runs (a dialog says them itself)."""
        failures: list[str] = []

        def refused(message: str) -> None:
            failures.append(message)

        self.failed.connect(refused)
        try:
            yield failures
        finally:
            self.failed.disconnect(refused)

    def _ready(self) -> bool:
        if self.store is None:
            self.failed.emit(translate("AnnotationCommands", "Open a project first."))
            return False
        try:  # read-only, made read-only since it was opened, or moved away: said before anything is tried
            self.store.catalog.require_writable("annotating and judging")
        except ProjectError as exc:
            self.failed.emit(str(exc))
            return False
        return True

    def _push(self, command: _Edit) -> bool:
        self.stack.push(command)  # runs redo(); an edit the store refuses marks itself obsolete
        return not command.refused

    # -- annotations -------------------------------------------------------------------------------
    def set_flags(self, image_id: int, variations: Iterable[str], text: str = "") -> bool:
        """Replace the variations ``image_id`` shows relative to its class's reference."""
        if not self._ready():
            return False
        before = frozenset(self._annotation_of_image(image_id).get(image_id, frozenset()))
        after = frozenset(variations)
        if before == after:
            return True
        label = text or translate("AnnotationCommands", "flags of {image}").format(
            image=self.name_of(image_id))
        where = {"class": self.store.catalog.image(image_id).group, "image": image_id}
        return self._push(_Edit(self, ANNOTATIONS, label, where,
                                lambda: self.store.set_image_flags(image_id, after),
                                lambda: self.store.set_image_flags(image_id, before)))

    def toggle_flag(self, image_id: int, variation: str) -> bool:
        if not self._ready():
            return False
        flags = set(self._annotation_of_image(image_id).get(image_id, frozenset()))
        shown = variation not in flags
        flags.symmetric_difference_update({variation})
        verb = translate("AnnotationCommands", "flag {variation} on {image}") if shown else translate("AnnotationCommands", "unflag {variation} on {image}")
        return self.set_flags(image_id, flags, verb.format(variation=variation_abbreviation(variation),
                                                           image=self.name_of(image_id)))

    def flag_images(self, image_ids: Iterable[int], variation: str) -> tuple[int, int]:
        """Add ``variation`` to the flags of every image of ``image_ids`` that has a class and is not
        its reference, as one undoable edit (a lasso selection on the collection map). Returns
        (images flagged now, images that cannot carry a flag); (0, 0) when nothing was tried."""
        if not self._ready():
            return 0, 0
        annotations = self.store.all()
        rows = self.store.catalog.images(ids=image_ids)
        before: dict[int, frozenset[str]] = {}
        class_of: dict[int, str] = {}
        unflaggable = 0
        for row in rows:
            annotation = annotations.get(row.group or "")
            if annotation is None or annotation.reference_image_id == row.id:
                unflaggable += 1
                continue
            own = annotation.flags.get(row.id, frozenset())
            if variation not in own:
                before[row.id], class_of[row.id] = own, annotation.class_name
        if not before:
            return 0, unflaggable

        def write(flags_of: Callable[[int], frozenset[str]]) -> Callable[[], None]:
            def apply() -> None:  # one transaction for the whole selection
                self.store.set_images_flags({image_id: flags_of(image_id) for image_id in before})
            return apply

        text = translate("AnnotationCommands", "flag {variation} on {count} images of the map selection").format(
            variation=variation_abbreviation(variation), count=len(before))
        first = min(before)  # the annotation panel shows the class and image of the first
        where = {"class": class_of[first], "image": first, "images": sorted(before)}
        done = self._push(_Edit(self, ANNOTATIONS, text, where,
                                write(lambda i: before[i] | {variation}), write(lambda i: before[i])))
        return (len(before) if done else 0), unflaggable

    def label_images(self, image_ids: Iterable[int], label: str | None) -> int:
        """Give ``label`` (``None``: no label) to every image of ``image_ids`` (a lasso selection on
        the collection map), as one undoable edit; returns how many images changed label."""
        if not self._ready():
            return 0
        catalog = self.store.catalog
        try:
            edit = label_edit(catalog, image_ids, label)
        except AnnotationError as exc:
            self.failed.emit(str(exc))
            return 0
        changed = list(edit.after)
        if not changed:
            return 0
        text = edit.after[changed[0]]
        words = (translate("AnnotationCommands", "label {count} images {label} (map selection)") if text is not None
                 else translate("AnnotationCommands", "unlabel {count} images (map selection)"))
        done = self._push(_Edit(self, LABELS, words.format(count=len(changed), label=text), {"images": changed, "label": text},
                                lambda: edit.redo(catalog), lambda: edit.undo(catalog)))
        return len(changed) if done else 0

    def push_review(self, project, edit: ReviewEdit, text: str, ids: dict[str, int] | None = None) -> bool:
        """Make ``edit`` (planned by :mod:`pipeline.review_history`) of ``project``'s near-duplicate
        review as one undoable edit saying ``text`` (``ids``: the catalog id of the paths it adds,
        for the views); False when refused (the reason through ``failed``)."""
        if not self._ready():
            return False
        where = {"group": edit.group, "ids": dict(ids or {})}
        return self._push(_Edit(self, REVIEW, text, where, lambda: edit.redo(project), lambda: edit.undo(project)))

    def set_reference(self, class_name: str, image_id: int | None) -> bool:
        """Make ``image_id`` the reference of ``class_name``; its own flags are cleared (and restored on undo)."""
        if not self._ready():
            return False
        try:
            annotation = self.store.get(class_name)
        except AnnotationError as exc:
            self.failed.emit(str(exc))
            return False
        before = annotation.reference_image_id
        if before == image_id:
            return True
        own_flags = annotation.flags.get(image_id, frozenset()) if image_id is not None else frozenset()

        def redo() -> None:
            if own_flags:
                self.store.set_image_flags(image_id, [])
            self.store.set_reference(class_name, image_id)

        def undo() -> None:
            self.store.set_reference(class_name, before)
            if own_flags:
                self.store.set_image_flags(image_id, own_flags)

        label = (translate("AnnotationCommands", "reference of {name}: {image}").format(name=class_name, image=self.name_of(image_id))
                 if image_id else translate("AnnotationCommands", "clear reference of {name}").format(
                     name=class_name))
        return self._push(_Edit(self, ANNOTATIONS, label, {"class": class_name}, redo, undo))

    def set_score(self, class_name: str, variation: str, score: int | None) -> bool:
        """Override the predominance score of a variation (``None``: back to the score derived from flags)."""
        if not self._ready():
            return False
        try:
            before = self.store.get(class_name).explicit.get(variation)
        except AnnotationError as exc:
            self.failed.emit(str(exc))
            return False
        if before == score:
            return True
        label = translate("AnnotationCommands", "{variation} of {name}: {score}").format(
            variation=variation_abbreviation(variation), name=class_name,
            score=translate("AnnotationCommands", "auto") if score is None else str(score))
        return self._push(_Edit(self, ANNOTATIONS, label, {"class": class_name},
                                lambda: self.store.set_scores(class_name, {variation: score}),
                                lambda: self.store.set_scores(class_name, {variation: before})))

    def name_of(self, image_id: int) -> str:
        """The file name an undo text shows for an image (catalog ids mean nothing to a user)."""
        try:
            return os.path.basename(self.store.catalog.image(image_id).path)
        except KeyError:
            return translate("AnnotationCommands", "image #{id}").format(id=image_id)

    def _annotation_of_image(self, image_id: int) -> dict[int, frozenset[str]]:
        group = self.store.catalog.image(image_id).group
        return {} if group in (None, "", DISTRACTOR) else self.store.get(group).flags

    # -- judgments ---------------------------------------------------------------------------------
    def judge(self, query_id: int, result_id: int, label: str | None) -> bool:
        """Judge ``result_id`` for ``query_id`` (easy, hard, junk, wrong) or, with ``None``, un-judge it."""
        if not self._ready():
            return False
        before = self.store.judgments(query_id=query_id).get(query_id, {}).get(result_id)
        if before == label:
            return True

        def write(value: str | None) -> Callable[[], None]:
            def apply() -> None:
                if value is None:
                    self.store.delete_judgment(query_id, result_id)
                else:
                    self.store.save_judgments({query_id: {result_id: value}})
            return apply

        word = translate("AnnotationCommands", JUDGMENT_WORDS[label]) if label is not None else translate("AnnotationCommands", "unjudged")
        text = translate("AnnotationCommands", "judge {result} {word} for query {query}").format(
            result=self.name_of(result_id), word=word, query=self.name_of(query_id))
        where = {"query": query_id, "result": result_id}
        return self._push(_Edit(self, JUDGMENTS, text, where, write(label), write(before)))


class _Edit(QUndoCommand):
    """One change: ``apply`` on redo, ``revert`` on undo, both written to the catalog at once."""

    def __init__(self, edits: GroundTruthEdits, kind: str, text: str, where: dict,
                 apply: Callable[[], None], revert: Callable[[], None]):
        super().__init__(text)
        self.edits = edits
        self.kind = kind
        self.where = where
        self.apply = apply
        self.revert = revert
        self.refused = False

    def redo(self) -> None:
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], None]) -> None:
        try:
            step()
        except HeritageError as exc:  # refused (AnnotationError), or not saved: disk full, folder gone
            self.refused = True
            self.setObsolete(True)  # QUndoStack drops it instead of keeping an edit that did nothing
            self.edits.failed.emit(str(exc))
            return
        self.edits.changed.emit(self.kind, self.where)

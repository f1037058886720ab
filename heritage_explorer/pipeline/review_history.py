"""Undoable edits of the near-duplicate review (issue #21 part 3), without Qt.

An edit of ``P/near_duplicates.json`` — the map's "add the selection to a group", the panel's
confirm, split, merge and representative — is planned (:func:`plan_review_edit`) as the file's exact
bytes before and after it (``None``: there was no file), and written by its ``redo`` (the first time
too). Undoing writes the bytes before back (or removes the file the edit made), atomically, so the
review is byte for byte what it was; redoing writes the bytes after again.
Both refuse with :class:`ReviewChangedError` when the file is no longer what the step expects
(the groups found again, or the file edited outside the app), instead of throwing that change
away. The app's undo stack (``gui/annotation_commands.py``) holds these records next to the
annotation, judgment and label edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline.duplicate_review import (
    DuplicateReview,
    parse_review,
    read_review_file,
    review_bytes,
    review_path,
)
from heritage_explorer.pipeline.near_duplicates import DEFAULT_METHOD
from heritage_explorer.pipeline.project import Project


class ReviewChangedError(HeritageError):
    """The review file changed since an edit: undoing or redoing it would lose that change."""


@dataclass(frozen=True)
class ReviewEdit:
    """One saved edit of a project's review: the file's bytes before (``None``: no file) and after,
    and the index of the group it left current (``None`` when it names none)."""

    before: bytes | None
    after: bytes
    group: int | None

    def undo(self, project: Project) -> DuplicateReview | None:
        """Put the review file back as it was before the edit; returns that review (None: no file)."""
        return self._write(project, expected=self.after, data=self.before, step="undo")

    def redo(self, project: Project) -> DuplicateReview:
        """Make the edit again (after an undo); returns the review it leaves."""
        return self._write(project, expected=self.before, data=self.after, step="redo")

    @staticmethod
    def _write(project: Project, *, expected: bytes | None, data: bytes | None, step: str) -> DuplicateReview | None:
        project.require_writable("changing the near-duplicate review")
        path = review_path(project)
        if read_review_file(project) != expected:
            raise ReviewChangedError(f"cannot {step} this edit of the near-duplicate groups: {path.name} changed "
                                     "since (the groups were found again, or the file was edited)")
        if data is None:
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise HeritageError(f"cannot remove {path}: {exc.strerror or exc}") from exc
            return None
        atomic_write_bytes(path, data)
        return parse_review(data, path)


def plan_review_edit(project: Project, change: Callable[[DuplicateReview], int | None], *,
                     method: str = DEFAULT_METHOD) -> ReviewEdit:
    """The edit ``change`` makes to the saved review (an empty one by ``method`` when there is none),
    not written yet: :meth:`ReviewEdit.redo` writes it. ``change`` returns the group it leaves
    current; what it raises (an edit the review refuses) comes through."""
    project.require_writable("changing the near-duplicate review")
    before = read_review_file(project)
    review = parse_review(before, review_path(project)) if before is not None else DuplicateReview(method)
    group = change(review)
    return ReviewEdit(before, review_bytes(review), group)


def plan_add_to_group(project: Project, paths: Iterable[str], index: int | None) -> ReviewEdit:
    """The edit putting the catalog ``paths`` in group ``index`` (``None``: a new group of them), out
    of the groups they were in (:meth:`DuplicateReview.add_images`, :meth:`~DuplicateReview.add_group`)."""
    chosen = list(paths)
    return plan_review_edit(project, lambda review: review.add_group(chosen) if index is None
                            else review.add_images(index, chosen))

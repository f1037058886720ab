"""The archivist's own label of an image (issue #21 part 3: lasso on the collection map → label).

The class (group) of an image comes from its imported source and is refreshed on re-import; a
**label** is the user's, one per image at most, kept in the catalog's ``image_labels`` table
(schema 3) and never touched by an import. A label is any non-empty text up to ``MAX_LABEL``
characters, spaces at its ends removed. The functions here are the only SQL about labels.
:func:`label_edit` plans one change of labels as a :class:`LabelEdit` whose ``redo`` and ``undo``
write it and put every label back as it was (the app's undo stack holds it).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from heritage_explorer.core.catalog import Catalog
from heritage_explorer.core.catalog_connection import id_chunks
from heritage_explorer.core.errors import AnnotationError

MAX_LABEL = 200


def check_label(label: str) -> str:
    """``label`` without the spaces at its ends, else an :class:`AnnotationError` saying why."""
    text = str(label).strip()
    if not text:
        raise AnnotationError("a label is some text, not nothing")
    if len(text) > MAX_LABEL:
        raise AnnotationError(f"a label has at most {MAX_LABEL} characters, not {len(text)}")
    return text


def image_labels(catalog: Catalog, ids: Iterable[int] | None = None) -> dict[int, str]:
    """Image id -> label, for every labelled image (or those of ``ids``, an indexed lookup)."""
    if ids is None:
        return {int(r["image_id"]): r["label"] for r in catalog.query("SELECT image_id, label FROM image_labels")}
    out: dict[int, str] = {}
    for chunk in id_chunks(ids):
        rows = catalog.query(f"SELECT image_id, label FROM image_labels WHERE image_id IN ({','.join('?' * len(chunk))})",
                             chunk)
        out.update((int(r["image_id"]), r["label"]) for r in rows)
    return out


def label_counts(catalog: Catalog) -> dict[str, int]:
    """Label -> how many images carry it, by label."""
    return {r["label"]: int(r["n"]) for r in catalog.query(
        "SELECT label, COUNT(*) AS n FROM image_labels GROUP BY label ORDER BY label")}


def set_labels(catalog: Catalog, labels: Mapping[int, str | None]) -> int:
    """Give each image of ``labels`` its label (``None``: no label any more), in one transaction.
    Every id must be a catalog image and every label valid, else nothing is written. Returns the
    number of images whose label changed."""
    wanted = {int(i): (None if v is None else check_label(v)) for i, v in labels.items()}
    known: set[int] = set()
    for chunk in id_chunks(wanted):
        known.update(int(r["id"]) for r in catalog.query(
            f"SELECT id FROM images WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    missing = sorted(set(wanted) - known)
    if missing:
        raise AnnotationError(f"labelling: no image with id {missing[0]}"
                              + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    before = image_labels(catalog, wanted)
    changed = {i: v for i, v in wanted.items() if before.get(i) != v}
    now = time.time()
    with catalog.transaction("labelling images") as conn:
        conn.executemany("DELETE FROM image_labels WHERE image_id = ?",
                         [(i,) for i, v in changed.items() if v is None])
        conn.executemany("INSERT OR REPLACE INTO image_labels (image_id, label, updated_at) VALUES (?, ?, ?)",
                         [(i, v, now) for i, v in changed.items() if v is not None])
    return len(changed)


@dataclass(frozen=True)
class LabelEdit:
    """The labels of the images an edit changes, before and after it (``None``: no label)."""

    before: dict[int, str | None]
    after: dict[int, str | None]

    def redo(self, catalog: Catalog) -> int:
        return set_labels(catalog, self.after)

    def undo(self, catalog: Catalog) -> int:
        return set_labels(catalog, self.before)


def label_edit(catalog: Catalog, ids: Iterable[int], label: str | None) -> LabelEdit:
    """The edit giving ``label`` (``None``: no label) to the images of ``ids``, limited to those whose
    label it changes (empty when none); nothing is written. Raises :class:`AnnotationError` for an
    invalid label."""
    text = None if label is None else check_label(label)
    wanted = list(dict.fromkeys(int(i) for i in ids))
    now = image_labels(catalog, wanted)
    changed = [i for i in wanted if now.get(i) != text]
    return LabelEdit({i: now.get(i) for i in changed}, dict.fromkeys(changed, text))

"""Variation annotations and relevance judgments stored in the project catalog.

Gominski et al., *Challenging Deep Image Descriptors for Retrieval in Heterogeneous
Iconographic Collections* (SUMAC 2019), §2.2: each class gets a **reference image** ("the
image depicting the object in the most common way in the class") and, for each of 11 types of
intra-class variation (Table 3, in this order), a **predominance score** from 0 to 3:

* 0: no image of the class shows the variation (relative to the reference);
* 1: anecdotal, "one or less image from the class concerned";
* 2: multiple occurrences;
* 3: predominant, "more than a third of the class".

The **overall difficulty** of a class is the sum of its 11 scores (§4.1, Table 3 "Overall").

Scores can be set by hand (the *explicit* score, as in the paper) and/or derived from per-image
flags ("this image shows a Scale change relative to the reference") with the thresholds above;
when both exist and differ, :attr:`ClassAnnotation.disagreements` says so. The *effective*
score of a variation is the explicit one when set, else the derived one when the class has any
flag, else 0.

The CSV exchange format is one row per class: ``class,reference,<11 variation columns>``, the
reference given by its catalog path (relative to its collection root, e.g. ``images/x.jpg``);
an empty score cell means "no explicit score". Variation columns may use the full names, the
paper's abbreviations (``Sc.``, ``Il.``…) and any order.

The revisited-protocol judgments (``easy``/``hard``/``junk``/``wrong``) of the ``judgments``
table are stored by :mod:`.judgments` (the store here derives from its :class:`JudgmentStore`).
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from heritage_explorer.core.atomic import atomic_write_text
from heritage_explorer.core.catalog import DISTRACTOR, Catalog
from heritage_explorer.core.catalog_connection import id_chunks
from heritage_explorer.core.errors import AnnotationError
from heritage_explorer.core.judgments import JudgmentStore
from heritage_explorer.core.records import ImageRow

VARIATIONS: tuple[str, ...] = (
    "Scale", "Illumination", "Orientation", "Color", "Domain representation", "Occlusion",
    "Positioning", "Clutter", "Undistinctiveness", "Alterations", "Time changes",
)
ABBREVIATIONS: dict[str, str] = dict(
    zip(VARIATIONS, ("Sc.", "Il.", "Or.", "Co.", "Do.", "Oc.", "Po.", "Cl.", "Un.", "Al.", "Ti."), strict=True)
)
OVERALL = "Overall difficulty"
MAX_SCORE = 3
SCORE_MEANINGS = ("none", "anecdotal (one image or fewer)", "multiple images", "predominant (> 1/3 of the class)")

# Other spellings met in the paper (Table 1 says "Representation domain") and in hand-made CSVs.
_ALIASES = {
    "representation domain": "Domain representation", "domain": "Domain representation",
    "colour": "Color", "color domain": "Color", "color domains": "Color", "time change": "Time changes",
    "time": "Time changes", "alteration": "Alterations", "undistinctive": "Undistinctiveness",
}


def canonical_variation(name: str) -> str:
    """The paper's name of a variation type from its name, abbreviation (``Sc.``) or an alias."""
    key = " ".join(name.strip().lower().replace("_", " ").split())
    for variation in VARIATIONS:
        abbreviation = ABBREVIATIONS[variation].lower()
        if key in (variation.lower(), abbreviation, abbreviation.rstrip(".")):
            return variation
    if key in _ALIASES:
        return _ALIASES[key]
    raise AnnotationError(f"unknown variation type {name!r}; expected one of: {', '.join(VARIATIONS)}")


def check_score(score: int, *, variation: str = "") -> int:
    """``score`` as an int in 0..3, else an :class:`AnnotationError` naming the variation."""
    where = f" for {variation}" if variation else ""
    try:
        value = int(str(score).strip())
    except ValueError:
        raise AnnotationError(f"score{where} must be an integer 0-3, got {score!r}") from None
    if not 0 <= value <= MAX_SCORE:
        raise AnnotationError(f"score{where} must be between 0 and {MAX_SCORE}, got {value}")
    return value


def derive_predominance(n_flagged: int, class_size: int) -> int:
    """Predominance score from the number of images showing a variation (Gominski et al. §2.2).

    0 when no image, 1 when one image ("one or less"), 3 when more than a third of the
    ``class_size`` images (reference included), 2 otherwise ("multiple occurrences"). The
    anecdotal rule is checked first, so a single image never counts as predominant, even in
    a class of two or three images.
    """
    if n_flagged < 0 or class_size < 0 or n_flagged > class_size:
        raise ValueError(f"invalid counts: {n_flagged} flagged images in a class of {class_size}")
    if n_flagged == 0:
        return 0
    if n_flagged == 1:
        return 1
    return 3 if 3 * n_flagged > class_size else 2


@dataclass(frozen=True)
class ClassAnnotation:
    """The variation annotation of one class (explicit scores, per-image flags, reference)."""

    class_name: str
    class_size: int
    reference_image_id: int | None = None
    reference_path: str | None = None
    explicit: dict[str, int] = field(default_factory=dict)  # variation -> hand-set score (maybe partial)
    flags: dict[int, frozenset[str]] = field(default_factory=dict)  # image id -> variations it shows

    @property
    def flag_counts(self) -> dict[str, int]:
        return {v: sum(v in shown for shown in self.flags.values()) for v in VARIATIONS}

    @property
    def derived(self) -> dict[str, int] | None:
        """Scores derived from the per-image flags, or ``None`` when no image of the class is flagged."""
        if not any(self.flags.values()):
            return None
        return {v: derive_predominance(n, self.class_size) for v, n in self.flag_counts.items()}

    @property
    def scores(self) -> dict[str, int]:
        """Effective score of every variation: explicit, else derived, else 0."""
        derived = self.derived or {}
        return {v: self.explicit.get(v, derived.get(v, 0)) for v in VARIATIONS}

    @property
    def overall(self) -> int:
        """Overall difficulty: the sum of the 11 effective scores (§4.1)."""
        return sum(self.scores.values())

    @property
    def disagreements(self) -> dict[str, tuple[int, int]]:
        """Variation -> (explicit, derived) where both exist and differ."""
        derived = self.derived
        if derived is None:
            return {}
        return {v: (s, derived[v]) for v, s in self.explicit.items() if s != derived[v]}

    @property
    def is_annotated(self) -> bool:
        return bool(self.explicit) or self.derived is not None or self.reference_image_id is not None


class AnnotationStore(JudgmentStore):
    """Reads and writes the annotation tables of a :class:`Catalog` (validated, transactional);
    the judgments are :class:`JudgmentStore`'s."""

    def __init__(self, catalog: Catalog):
        super().__init__(catalog)

    # -- classes -----------------------------------------------------------------------------
    def classes(self) -> dict[str, int]:
        """Class name -> number of images (distractors and unlabelled images excluded)."""
        return {name: n for name, n in self.catalog.groups().items() if name != DISTRACTOR}

    def _check_class(self, class_name: str) -> int:
        size = self.classes().get(class_name)
        if size is None:
            raise AnnotationError(f"unknown class {class_name!r} (not a group of this project's images)")
        return size

    def get(self, class_name: str) -> ClassAnnotation:
        return self._build(class_name, self._check_class(class_name))

    def all(self) -> dict[str, ClassAnnotation]:
        """Every class of the catalog, annotated or not, by name."""
        return {name: self._build(name, size) for name, size in self.classes().items()}

    def _build(self, class_name: str, size: int) -> ClassAnnotation:
        ref = self.catalog.query(
            "SELECT a.reference_image_id AS id, i.path FROM class_annotations a"
            " LEFT JOIN images i ON i.id = a.reference_image_id WHERE a.class_name = ?", (class_name,))
        rows = self.catalog.query("SELECT variation, score FROM variation_scores WHERE class_name = ?", (class_name,))
        explicit = {r["variation"]: int(r["score"]) for r in rows}
        flags: dict[int, set[str]] = {}
        for r in self.catalog.query(
            "SELECT v.image_id, v.variation FROM image_variations v JOIN images i ON i.id = v.image_id"
            " WHERE i.group_name = ?", (class_name,)
        ):
            flags.setdefault(int(r["image_id"]), set()).add(r["variation"])
        return ClassAnnotation(
            class_name=class_name, class_size=size,
            reference_image_id=ref[0]["id"] if ref else None, reference_path=ref[0]["path"] if ref else None,
            explicit={v: explicit[v] for v in VARIATIONS if v in explicit},
            flags={i: frozenset(s) for i, s in sorted(flags.items())},
        )

    # -- edits -------------------------------------------------------------------------------
    def _image_group(self, image_id: int) -> str | None:
        rows = self.catalog.query("SELECT group_name FROM images WHERE id = ?", (int(image_id),))
        if not rows:
            raise AnnotationError(f"no image with id {image_id}")
        return rows[0]["group_name"]

    def _check_reference(self, class_name: str, image_id: int, label: str | None = None) -> None:
        group = self._image_group(image_id)
        if group != class_name:
            raise AnnotationError(
                f"reference image {label or f'#{image_id}'} belongs to class {group!r}, not {class_name!r}")

    def set_reference(self, class_name: str, image_id: int | None) -> None:
        """Choose the reference image of a class (an image of that class), or clear it."""
        self._check_class(class_name)
        if image_id is not None:
            self._check_reference(class_name, image_id)
        with self.catalog.transaction("annotating (choosing a reference)") as conn:
            _upsert_reference(conn, class_name, image_id)

    def set_scores(self, class_name: str, scores: Mapping[str, int | None]) -> None:
        """Set (or, with ``None``, clear) explicit predominance scores of a class; validated first."""
        self._check_class(class_name)
        checked = {canonical_variation(v): None if s is None else check_score(s, variation=v) for v, s in scores.items()}
        with self.catalog.transaction("annotating (variation scores)") as conn:
            _write_scores(conn, class_name, checked)

    def set_image_flags(self, image_id: int, variations: Iterable[str]) -> None:
        """Replace the variations ``image_id`` shows relative to its class's reference image."""
        self.set_images_flags({image_id: variations})

    def set_images_flags(self, flags: Mapping[int, Iterable[str]]) -> None:
        """Replace the variations each image shows relative to its class's reference image, for many
        images in one transaction (a map selection): the images' classes and the references are read
        in a few queries, every image is checked before anything is written."""
        shown = {int(i): sorted({canonical_variation(v) for v in variations}) for i, variations in flags.items()}
        groups = self._image_groups(shown)
        references = {r["class_name"]: r["reference_image_id"] for r in self.catalog.query(
            "SELECT class_name, reference_image_id FROM class_annotations")}
        for image_id, names in shown.items():
            if image_id not in groups:
                raise AnnotationError(f"no image with id {image_id}")
            if groups[image_id] in (None, DISTRACTOR):
                raise AnnotationError(f"image #{image_id} has no class, so no reference to vary from")
            if names and references.get(groups[image_id]) == image_id:
                raise AnnotationError(f"image #{image_id} is the reference of {groups[image_id]!r}: "
                                      "it cannot vary from itself")
        with self.catalog.transaction("annotating (variations of images)") as conn:
            conn.executemany("DELETE FROM image_variations WHERE image_id = ?", [(i,) for i in shown])
            conn.executemany("INSERT INTO image_variations (image_id, variation) VALUES (?, ?)",
                             [(i, v) for i, names in shown.items() for v in names])

    def _image_groups(self, ids: Iterable[int]) -> dict[int, str | None]:
        """Image id -> its class (None: none), for those of ``ids`` that are catalog images."""
        groups: dict[int, str | None] = {}
        for chunk in id_chunks(ids):
            rows = self.catalog.query(f"SELECT id, group_name FROM images WHERE id IN ({','.join('?' * len(chunk))})",
                                      chunk)
            groups.update((int(r["id"]), r["group_name"]) for r in rows)
        return groups

    # -- CSV ---------------------------------------------------------------------------------
    def export_csv(self, path: str | Path, *, effective: bool = False) -> int:
        """Write ``class,reference,<11 variations>`` (explicit scores; empty = not set); returns rows.

        With ``effective``, annotated classes get their effective scores (explicit, else derived
        from the per-image flags), so annotations made by flagging images survive the export.
        """
        atomic_write_text(path, self.export_text(effective=effective))
        return len(self.classes())

    def export_text(self, *, effective: bool = False) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["class", "reference", *VARIATIONS])
        for name, ann in self.all().items():
            scores = ann.scores if effective and ann.is_annotated else ann.explicit
            writer.writerow([name, ann.reference_path or "", *(scores.get(v, "") for v in VARIATIONS)])
        return buffer.getvalue()

    def import_csv(self, path: str | Path) -> list[str]:
        """Read a ``class,reference,<variations>`` CSV; all rows are checked before anything is written.

        Returns the classes updated. Columns absent from the file leave the stored values alone;
        an empty score cell clears the explicit score, an empty reference clears the reference.
        """
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise AnnotationError(f"{path}: cannot read ({exc})") from exc
        rows = self._parse_csv(text, str(path))
        with self.catalog.transaction("importing annotations") as conn:
            for name, reference, scores in rows:
                if reference is not False:
                    _upsert_reference(conn, name, reference)
                _write_scores(conn, name, scores)
        return [name for name, _, _ in rows]

    def _parse_csv(self, text: str, source: str) -> list[tuple[str, int | None | bool, dict[str, int | None]]]:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if not header or "class" not in [h.strip().lower() for h in header]:
            raise AnnotationError(f"{source}: the header must start with 'class' (then 'reference' and variation columns)")
        columns: list[str] = []
        for name in header:
            key = name.strip().lower()
            try:
                columns.append(key if key in ("class", "reference") else canonical_variation(name))
            except AnnotationError as exc:
                raise AnnotationError(f"{source}: header: {exc}") from None
        duplicated = {c for c in columns if columns.count(c) > 1}
        if duplicated:
            raise AnnotationError(f"{source}: columns given twice: {', '.join(sorted(duplicated))}")
        classes = self.classes()
        by_path: dict[str, list[ImageRow]] = {}
        for row in self.catalog.images():
            for key in (row.path, str(row.abspath)):
                by_path.setdefault(key, []).append(row)
        parsed, problems, seen = [], [], set()
        for line, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            values = dict(zip(columns, (c.strip() for c in cells), strict=False))
            name = values.get("class", "")
            try:
                if name not in classes:
                    raise AnnotationError(f"unknown class {name!r}")
                if name in seen:
                    raise AnnotationError(f"class {name!r} appears twice")
                seen.add(name)
                reference: int | None | bool = False  # False: no reference column, leave it alone
                if "reference" in values:
                    reference = self._resolve_reference(name, values["reference"], by_path)
                scores = {v: (check_score(values[v], variation=v) if values[v] else None)
                          for v in VARIATIONS if v in values}
                parsed.append((name, reference, scores))
            except AnnotationError as exc:
                problems.append(f"line {line}: {exc}")
        if problems:
            more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
            raise AnnotationError(f"{source}: nothing imported; " + "; ".join(problems[:10]) + more)
        return parsed

    def _resolve_reference(self, class_name: str, path: str, by_path: dict[str, list[ImageRow]]) -> int | None:
        if not path:
            return None
        candidates = by_path.get(path) or by_path.get(str(Path(path).expanduser().resolve()), [])
        if not candidates:
            raise AnnotationError(f"reference image {path!r} is not in the catalog")
        in_class = [row for row in candidates if row.group == class_name]
        if not in_class:
            raise AnnotationError(
                f"reference image {path!r} belongs to class {candidates[0].group!r}, not {class_name!r}")
        return in_class[0].id


def _upsert_reference(conn, class_name: str, image_id: int | None) -> None:
    conn.execute(
        "INSERT INTO class_annotations (class_name, reference_image_id, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT(class_name) DO UPDATE SET reference_image_id = excluded.reference_image_id,"
        " updated_at = excluded.updated_at",
        (class_name, image_id, time.time()),
    )


def _write_scores(conn, class_name: str, scores: Mapping[str, int | None]) -> None:
    for variation, score in scores.items():
        if score is None:
            conn.execute("DELETE FROM variation_scores WHERE class_name = ? AND variation = ?", (class_name, variation))
        else:
            conn.execute(
                "INSERT OR REPLACE INTO variation_scores (class_name, variation, score) VALUES (?, ?, ?)",
                (class_name, variation, score),
            )
    conn.execute(
        "INSERT INTO class_annotations (class_name, reference_image_id, updated_at) VALUES (?, NULL, ?)"
        " ON CONFLICT(class_name) DO UPDATE SET updated_at = excluded.updated_at",
        (class_name, time.time()),
    )

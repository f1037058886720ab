"""What an export writes, whatever its format (issue #21 part 4): an :class:`ExportSet` of
:class:`ExportItem` rows with the class annotations and judgments that concern them.

Gathered by :mod:`.export`, laid out by its CSV/JSON writers and by :mod:`.iiif_export`; kept
apart so that the IIIF writer and the gatherer do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from heritage_explorer.core.annotations import ClassAnnotation
from heritage_explorer.core.records import ImageRow


@dataclass(frozen=True)
class ExportItem:
    """One exported image: its catalog row, its size in pixels, and where a query ranked it.

    ``box`` is ``(x, y, w, h)`` in the pixels of this image (the catalog's image), when the
    result carries the region where a query region was found.
    """

    image: ImageRow
    width: int
    height: int
    rank: int | None = None
    score: float | None = None
    box: tuple[int, int, int, int] | None = None


@dataclass(frozen=True)
class ExportQuery:
    """The search an export lists the results of."""

    image: str  # as given: a catalog path, #id or a file
    method: str
    k: int
    image_id: int | None = None  # when the query is a catalog image
    canvas: str | None = None  # its IIIF canvas id, when it came from a manifest


@dataclass(frozen=True)
class Judgment:
    query_id: int
    query_path: str
    label: str


@dataclass(frozen=True)
class ExportSet:
    """Everything an export writes, whatever its format."""

    title: str
    project: str
    items: list[ExportItem]
    query: ExportQuery | None = None
    group: str | None = None
    selection: str | None = None
    classes: dict[str, ClassAnnotation] = field(default_factory=dict)  # the items' annotated classes
    judgments: dict[int, list[Judgment]] = field(default_factory=dict)  # result image id -> judgments
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): unusable images left out


def variations_of(export: ExportSet, item: ExportItem) -> list[str]:
    """The variations the image shows relative to its class's reference (per-image flags)."""
    ann = export.classes.get(item.image.group or "")
    return sorted(ann.flags.get(item.image.id, ())) if ann is not None else []


def is_reference(export: ExportSet, item: ExportItem) -> bool:
    ann = export.classes.get(item.image.group or "")
    return ann is not None and ann.reference_image_id == item.image.id

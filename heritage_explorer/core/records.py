"""Plain records passed between import sources, the catalog and the layers above."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SourceImage:
    """One image as a collection source describes it, before it is in the catalog.

    ``path`` is relative to the source's ``root`` (POSIX separators); ``group`` is the
    class/label (``None`` when the source has none); ``metadata`` keeps every other column.
    """

    path: str
    group: str | None = None
    is_query: bool = True
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceListing:
    """What a source yields: a root directory, its images, and per-row problems found."""

    kind: str  # "folder" | "csv" | "iiif"
    source: str  # the path or URL the user gave
    root: Path
    images: list[SourceImage]
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path or line, reason)


@dataclass(frozen=True)
class ImageRow:
    """An image as stored in the catalog."""

    id: int
    collection_id: int
    path: str
    abspath: Path
    group: str | None
    is_query: bool
    status: str  # "ok" | "error" | "missing" | "pending"
    error: str | None
    sha256: str | None
    width: int | None
    height: int | None
    metadata: dict[str, str]

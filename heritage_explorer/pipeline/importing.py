"""Import a collection source into a project's catalog, then read each new image's header and hash."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from heritage_explorer.core.errors import UnreadableImageError
from heritage_explorer.core.imageio import image_info, is_image_name
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.core.records import ImageRow, SourceImage, SourceListing
from heritage_explorer.core.sources import list_source
from heritage_explorer.pipeline.project import Project


@dataclass
class ImportSummary:
    """What an import did: counts, and every problem with the file (or line) and the reason."""

    source: str
    collection_id: int
    listed: int
    new_or_changed: int
    ok: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "collection_id": self.collection_id,
            "listed": self.listed,
            "new_or_changed": self.new_or_changed,
            "ok": self.ok,
            "errors": [{"path": p, "error": e} for p, e in self.errors],
        }


def import_source(
    project: Project,
    source: str,
    *,
    allow_absolute: bool = False,
    allow_hosts: Iterable[str] = (),
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> ImportSummary:
    """Add a folder, CSV or IIIF manifest to the catalog; re-importing adds only new or changed images.

    ``allow_hosts``: non-public hosts a IIIF manifest's downloads may connect to (names, addresses,
    networks); every other loopback, private, link-local ... address is refused.
    """
    project.require_writable("importing")
    listing = list_source(
        source, cache_dir=project.cache_dir / "iiif", allow_absolute=allow_absolute, allow_hosts=allow_hosts,
        progress=progress, cancel=cancel,
    )
    collection_id, touched = project.catalog.add_listing(_with_broken_files(listing))
    summary = ImportSummary(listing.source, collection_id, len(listing.images), len(touched))
    problem_paths = {p for p, _ in listing.problems}
    summary.errors.extend((p, r) for p, r in listing.problems)
    pending = project.catalog.images(status="pending")
    meter = RateMeter("reading images", len(pending))
    for n, row in enumerate(pending, 1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        reason = read_image_info(project, row)
        if reason is None:
            summary.ok += 1
        elif row.path not in problem_paths:
            summary.errors.append((row.path, reason))
        if progress is not None and (n % 16 == 0 or n == len(pending)):
            progress(meter.progress(n, row.path))
    return summary


def _with_broken_files(listing: SourceListing) -> SourceListing:
    """The listing plus the image-named entries of a folder that are broken links or link loops.

    ``list_folder`` reports them as problems only; listing them as images too puts them in the
    catalog, where they get status ``missing`` and the reason, as a missing CSV row does, so that
    ``status`` shows every file of the collection that could not be used.
    """
    if listing.kind != "folder":
        return listing
    listed = {image.path for image in listing.images}
    broken = [
        SourceImage(path=path)
        for path, _ in listing.problems
        if is_image_name(path) and path not in listed and os.path.lexists(listing.root / path)
    ]
    return dataclasses.replace(listing, images=listing.images + broken) if broken else listing


def read_image_info(project: Project, row: ImageRow) -> str | None:
    """Read an image's header and content hash into the catalog; returns why it failed, or None.

    An unreadable image gets status ``missing`` (no file) or ``error``, with the reason.
    """
    try:
        info = image_info(row.abspath)
    except UnreadableImageError as exc:
        status = "missing" if not row.abspath.exists() else "error"
        project.catalog.set_image_info(row.id, sha256=None, width=None, height=None, status=status, error=exc.reason)
        return exc.reason
    project.catalog.set_image_info(
        row.id, sha256=info.sha256, width=info.width, height=info.height, status="ok",
        size=info.size, mtime=info.mtime,
    )
    return None


def refresh_changed_images(project: Project) -> list[tuple[str, str]]:
    """Re-read the images whose file changed (size or mtime) or vanished since it was last read.

    Called before an extraction, so that an image edited on disk without a re-import gets its
    new content hash (its descriptors are then recomputed) instead of keeping stale ones.
    Returns (path, reason) for images that became unreadable.
    """
    recorded = {r["id"]: (r["size"], r["mtime"]) for r in project.catalog.query(
        "SELECT id, size, mtime FROM images WHERE status = 'ok'")}
    problems = []
    for row in project.catalog.images(status="ok"):
        try:
            st = row.abspath.stat()
            now = (st.st_size, st.st_mtime)
        except OSError:
            now = None
        if now != recorded.get(row.id):
            reason = read_image_info(project, row)
            if reason is not None:
                problems.append((row.path, reason))
    return problems

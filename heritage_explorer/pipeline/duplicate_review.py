"""The archivist's review of near-duplicate groups (issue #21 part 2: the app's panel).

:func:`find_groups` runs :func:`.near_duplicates.near_duplicate_groups` and keeps what the
archivist decided on an earlier run: a group found again with exactly the same images keeps its
confirmation and its chosen representative. The review is edited in place — confirm a group,
split images out of it, merge groups, choose the representative, add images (a map selection) to
a group or make a new group of them — saved atomically to
``P/near_duplicates.json`` (the command's JSON shape, ``{"groups": [{"images", "representative"}]}``,
plus ``confirmed``) and exported as CSV (:meth:`DuplicateReview.write_csv`). No Qt here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from heritage_explorer.core.atomic import atomic_write_bytes, atomic_write_text
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.descriptors.method import Method
from heritage_explorer.pipeline.near_duplicates import DEFAULT_METHOD, near_duplicate_groups
from heritage_explorer.pipeline.project import Project

REVIEW_FILE = "near_duplicates.json"
CSV_COLUMNS = ("group", "path", "representative", "confirmed")


@dataclass
class ReviewedGroup:
    """Catalog paths of one photograph's copies, the one that stands for them, and whether the
    archivist confirmed the group."""

    images: list[str]
    representative: str
    confirmed: bool = False

    def __post_init__(self) -> None:
        if len(self.images) < 2:
            raise HeritageError(f"a near-duplicate group has two images or more, not {len(self.images)}")
        if self.representative not in self.images:
            raise HeritageError(f"the representative {self.representative} is not in its group")


@dataclass
class DuplicateReview:
    """The groups of one run (by ``method``), as the archivist left them."""

    method: str
    groups: list[ReviewedGroup] = field(default_factory=list)

    # -- edits --------------------------------------------------------------------------------------
    def confirm(self, index: int, confirmed: bool = True) -> None:
        self.groups[index].confirmed = confirmed

    def set_representative(self, index: int, path: str) -> None:
        group = self.groups[index]
        if path not in group.images:
            raise HeritageError(f"{path} is not in group {index + 1}")
        group.representative = path

    def split(self, index: int, paths: Iterable[str]) -> None:
        """Take ``paths`` out of group ``index``: two or more make a group of their own (unconfirmed),
        a single image leaves the groups; a group left with one image is dissolved."""
        group = self.groups[index]
        moved = [p for p in group.images if p in set(paths)]
        if not moved or len(moved) == len(group.images):
            raise HeritageError(f"split: choose some, not none, of group {index + 1}'s images" if not moved
                                else f"split: choose some, not all, of group {index + 1}'s images")
        kept = [p for p in group.images if p not in moved]
        new: list[ReviewedGroup] = []
        if len(kept) >= 2:
            new.append(ReviewedGroup(kept, group.representative if group.representative in kept else kept[0]))
        if len(moved) >= 2:
            new.append(ReviewedGroup(moved, group.representative if group.representative in moved else moved[0]))
        self.groups[index:index + 1] = new

    def merge(self, indices: Sequence[int]) -> int:
        """One group of the images of ``indices`` (two or more), at the first one's place, with its
        representative, unconfirmed; returns its index."""
        chosen = sorted(set(indices))
        if len(chosen) < 2:
            raise HeritageError("merge: choose two groups or more")
        first = self.groups[chosen[0]]
        images = list(dict.fromkeys(p for i in chosen for p in self.groups[i].images))
        merged = ReviewedGroup(images, first.representative)
        for i in reversed(chosen[1:]):
            del self.groups[i]
        self.groups[chosen[0]] = merged
        return chosen[0]

    def add_images(self, index: int, paths: Iterable[str]) -> int:
        """Put ``paths`` into group ``index`` (a lasso selection on the collection map), taking them
        out of any other group (a group left with one image is dissolved); the group is then
        unconfirmed, as after a merge. Returns the group's index now."""
        group = self.groups[index]
        new = [p for p in dict.fromkeys(paths) if p not in group.images]
        if not new:
            raise HeritageError(f"every chosen image is already in group {index + 1}")
        group.images.extend(new)
        group.confirmed = False
        return self._take_out(new, keep=group)

    def add_group(self, paths: Iterable[str]) -> int:
        """A new group of ``paths`` (two or more; the first is its representative), unconfirmed, at
        the end; they leave the groups they were in. Returns its index."""
        images = list(dict.fromkeys(paths))
        group = ReviewedGroup(images, images[0] if images else "")
        self.groups.append(group)
        return self._take_out(images, keep=group)

    def _take_out(self, paths: list[str], *, keep: ReviewedGroup) -> int:
        """Remove ``paths`` from every group but ``keep``; returns ``keep``'s index."""
        moved = set(paths)
        kept: list[ReviewedGroup] = []
        for group in self.groups:
            if group is not keep and moved & set(group.images):
                group.images = [p for p in group.images if p not in moved]
                if len(group.images) < 2:
                    continue  # dissolved
                if group.representative in moved:
                    group.representative = group.images[0]
            kept.append(group)
        self.groups = kept
        return next(i for i, group in enumerate(self.groups) if group is keep)

    # -- files --------------------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {"method": self.method,
                "groups": [{"images": g.images, "representative": g.representative, "confirmed": g.confirmed}
                           for g in self.groups]}

    @classmethod
    def from_json(cls, data: dict, source: Path) -> DuplicateReview:
        try:
            return cls(str(data["method"]), [ReviewedGroup(list(map(str, g["images"])), str(g["representative"]),
                                                           bool(g.get("confirmed", False))) for g in data["groups"]])
        except (KeyError, TypeError, HeritageError) as exc:
            raise CorruptArtefactError(f"{source}: not a near-duplicate review ({exc}); find the groups again") \
                from exc

    def write_csv(self, path: str | Path) -> None:
        """One row per image: group number (from 1), catalog path, representative and confirmed (0/1)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for n, group in enumerate(self.groups, 1):
            for image in group.images:
                writer.writerow([n, image, int(image == group.representative), int(group.confirmed)])
        atomic_write_text(path, out.getvalue())


def review_path(project: Project) -> Path:
    return project.root / REVIEW_FILE


def read_review_file(project: Project) -> bytes | None:
    """The review file's bytes as they are on disk, or None when there is none."""
    path = review_path(project)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CorruptArtefactError(f"{path}: unreadable near-duplicate review ({exc}); find the groups again") from exc


def parse_review(data: bytes, path: Path) -> DuplicateReview:
    """The review in ``data`` (the bytes of ``path``)."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptArtefactError(f"{path}: unreadable near-duplicate review ({exc}); find the groups again") from exc
    if not isinstance(parsed, dict):
        raise CorruptArtefactError(f"{path}: not a near-duplicate review; find the groups again")
    return DuplicateReview.from_json(parsed, path)


def load_review(project: Project) -> DuplicateReview | None:
    """The saved review, or None when the groups were never found in this project."""
    data = read_review_file(project)
    return None if data is None else parse_review(data, review_path(project))


def review_bytes(review: DuplicateReview) -> bytes:
    """What :func:`save_review` writes: the review as indented UTF-8 JSON."""
    return (json.dumps(review.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def save_review(project: Project, review: DuplicateReview) -> bytes:
    """Write ``review`` atomically as the project's review; returns the bytes written."""
    project.require_writable("saving the near-duplicate review")
    data = review_bytes(review)
    atomic_write_bytes(review_path(project), data)
    return data


def find_groups(project: Project, method: Method | str = DEFAULT_METHOD, *,
                progress: Callable[[Progress], None] | None = None, cancel: CancelToken | None = None
                ) -> DuplicateReview:
    """Find the groups (see the module docstring), keep earlier decisions on unchanged groups, save."""
    result = near_duplicate_groups(project, method, progress=progress, cancel=cancel)
    try:
        earlier = load_review(project)
    except CorruptArtefactError:
        earlier = None  # replaced by this run
    decided = {frozenset(g.images): g for g in (earlier.groups if earlier is not None else [])}
    groups = []
    for images, representative in zip(result.groups, result.representatives, strict=True):
        before = decided.get(frozenset(images))
        groups.append(ReviewedGroup(images, before.representative if before else representative,
                                    before.confirmed if before else False))
    review = DuplicateReview(result.method, groups)
    save_review(project, review)
    return review

"""Region queries in a project (issue #21 part 1): search with a box of the query image only.

* Global methods describe the crop (:func:`~.search.describe_external` with ``region``: the
  decoded image is cropped, then resized and described like any image); results carry no box.
* Local methods (standalone local retrieval, and the verification of ``GLOBAL>>LOCAL@K``) use only
  the query's keypoints inside the box (:func:`region_query`): the stored features of a catalog
  image, or the features of a file described once; the collection is never described again.
  Each verified result (at least the spec's ``min_inliers``) carries where the region was found
  (:func:`locate`, :func:`~..descriptors.local.regions.locate_region`); ``box`` is ``None``
  for the unverified ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from heritage_explorer.core.imageio import probe
from heritage_explorer.core.regions import Box, InvalidRegionError, check_box
from heritage_explorer.descriptors.local import (
    LocalFeatures,
    LocalSpec,
    StoredLocalFeatures,
    create_matcher,
    verify_pair,
)
from heritage_explorer.descriptors.local.matching import MIN_MATCHES
from heritage_explorer.descriptors.local.regions import features_in_region, locate_region
from heritage_explorer.pipeline.local import ImageRef, query_features
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.search import SearchHit


@dataclass(frozen=True)
class RegionHit(SearchHit):
    """A search result of a region query by a local method: ``box`` is where the region is in this
    image (original pixels), or ``None`` when the result was not verified."""

    box: Box | None = None

    def to_json(self) -> dict:
        return {**super().to_json(), "box": self.box.to_json() if self.box is not None else None}


@dataclass(frozen=True)
class RegionQuery:
    """The query side of a region search by a local method."""

    box: Box  # original pixels of the query image
    size: tuple[int, int]  # the query image's (width, height)
    features: LocalFeatures  # only the keypoints inside ``box``, in the described frame
    total: int  # keypoints of the whole image


def query_image_path(project: Project, ref: ImageRef) -> Path:
    """The file of a query: a catalog image (by id) or any image file."""
    return project.catalog.image(ref).abspath if isinstance(ref, int) else Path(ref)


def checked_region(project: Project, ref: ImageRef, box: Box) -> tuple[Box, tuple[int, int]]:
    """``box`` and the query image's size, or :class:`InvalidRegionError` (empty, negative, outside)."""
    path = query_image_path(project, ref)
    size = probe(path)
    return check_box(box, size, path), size


def region_query(project: Project, local: LocalSpec, ref: ImageRef, box: Box) -> RegionQuery:
    """The query's keypoints inside ``box``; an error saying how many were found when they are
    fewer than the spec's ``min_inliers`` (no result could ever be verified with them)."""
    box, size = checked_region(project, ref, box)
    features, _ = query_features(project, local, ref)
    inside = features_in_region(features, box, size)
    needed = max(local.min_inliers, MIN_MATCHES[local.model])
    if len(inside) < needed:
        raise InvalidRegionError(
            f"{query_image_path(project, ref)}: region x,y,w,h = {box} holds {len(inside)} of the image's "
            f"{len(features)} {local.feature_spec} keypoints; at least {needed} are needed ({local.spec} verifies a "
            f"result from {local.min_inliers} inliers): draw a larger region, or use a method with more keypoints")
    return RegionQuery(box, size, inside, len(features))


def locate(project: Project, local: LocalSpec, query: RegionQuery, ids: Sequence[int], scores: Sequence[float],
           stored: StoredLocalFeatures, rows: dict[int, int]) -> list[Box | None]:
    """Where the region is in each of ``ids`` verified (score at least ``min_inliers``); None for the others.

    The pair is verified again (the same deterministic RANSAC as the ranking) to get its model:
    ``k`` pairs, a few milliseconds each.
    """
    config, matcher = local.match_config(), create_matcher(local)
    catalog = {row.id: row for row in project.catalog.images(ids=[int(i) for i in ids])}
    boxes: list[Box | None] = []
    for image_id, score in zip(ids, scores, strict=True):
        box, image_id = None, int(image_id)
        if score >= local.min_inliers and image_id in rows and image_id in catalog:
            candidate, row = stored.at(rows[image_id]), catalog[image_id]
            size = (row.width, row.height) if row.width and row.height else probe(row.abspath)
            pair = verify_pair(query.features, candidate, config, matcher=matcher)
            box, _ = locate_region(query.box, query.features, query.size, candidate, size, pair, config.model)
        boxes.append(box)
    return boxes

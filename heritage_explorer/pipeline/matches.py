"""The matches behind one local result, for the app's match view (issues #18 part 2, #21 part 1).

:func:`pair_matches` verifies a query against one result the way the search did (the same
features, matcher and deterministic RANSAC as :func:`.methods.search_any`, so the count equals the
tile's score) and returns what a picture of the pair needs, in **original pixels** of each image
(edge coordinates, as :mod:`..descriptors.local.regions`): the keypoints of both images, the
tentative matches split into inliers and outliers, the verified model and, for a region query,
the region in the query and where it was found in the result (:func:`~..descriptors.local.regions.locate_region`,
given like the search's ``box``: only for a verified result, at least ``min_inliers``).

Catalog images use their stored features; a file is described (for XFeat or DELF that loads a
network, so the app asks its describer child: :func:`needs_network`). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from heritage_explorer.core.imageio import probe
from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.local import LocalFeatures, LocalSpec, create_matcher, verify_pair
from heritage_explorer.descriptors.local.regions import locate_region, to_original
from heritage_explorer.descriptors.method import Method, as_local
from heritage_explorer.pipeline.local import ImageRef, current_local_features, local_store, query_features
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.regions import checked_region, query_image_path, region_query


@dataclass(frozen=True)
class PairMatches:
    """A verified pair: query ``a`` against result ``b`` with the local method ``spec``.

    ``keypoints_a``/``keypoints_b``: N×2 float64 in original pixels of each image (for a region
    query, the query's keypoints inside the region only); ``inliers``/``outliers``: M×2 int64 rows
    of (index in ``keypoints_a``, index in ``keypoints_b``); ``model``: the fitted homography,
    fundamental matrix or affine map (described frames), None when no fit; ``size_a``/``size_b``:
    (width, height) of the originals; ``region``: the query's region; ``found``: where it is in ``b``.
    """

    spec: str
    geometry: str
    keypoints_a: np.ndarray
    keypoints_b: np.ndarray
    inliers: np.ndarray
    outliers: np.ndarray
    model: np.ndarray | None
    size_a: tuple[int, int]
    size_b: tuple[int, int]
    region: Box | None = None
    found: Box | None = None

    @property
    def inlier_count(self) -> int:
        """The score of ``b`` for this query: the number of geometrically consistent matches."""
        return len(self.inliers)

    @property
    def tentative(self) -> int:
        return len(self.inliers) + len(self.outliers)


def needs_network(method: Method | str, image_a: ImageRef) -> bool:
    """Whether :func:`pair_matches` may load a network: LighterGlue matching, or a file (not a
    catalog image with stored features) described by a learned method (ORB is OpenCV only)."""
    local = as_local(method, "matching a pair")
    return local.lighterglue or (not isinstance(image_a, int) and local.method != "orb")


def _size(project: Project, ref: ImageRef) -> tuple[int, int]:
    if isinstance(ref, int):
        row = project.catalog.image(ref)
        if row.width and row.height:
            return row.width, row.height
    return probe(query_image_path(project, ref))


def _features(project: Project, local: LocalSpec, ref: ImageRef) -> LocalFeatures:
    """Stored features of a current catalog image (no decoding), else the image described."""
    if isinstance(ref, int) and local_store(project, local).meta() is not None:
        stored, rows = current_local_features(project, local)
        if ref in rows:
            return stored.at(rows[ref])
    return query_features(project, local, ref)[0]


def pair_matches(project: Project, method: Method | str, image_a: ImageRef, image_b: int, *,
                 region: Box | None = None) -> PairMatches:
    """Query ``image_a`` (a catalog id or a file; with ``region``, its keypoints inside that box,
    original pixels) verified against the catalog image ``image_b`` with the local part of
    ``method`` (a local spec or a re-ranking); see the module docstring."""
    local = as_local(method, "showing matches")
    if region is not None:
        region, size_a = checked_region(project, image_a, region)
        query = region_query(project, local, image_a, region).features
    else:
        size_a, query = _size(project, image_a), _features(project, local, image_a)
    candidate, size_b = _features(project, local, image_b), _size(project, image_b)
    pair = verify_pair(query, candidate, local.match_config(), matcher=create_matcher(local))
    found = None
    if region is not None and pair.inliers >= local.min_inliers:
        found, _ = locate_region(region, query, size_a, candidate, size_b, pair, local.model)
    return PairMatches(
        spec=local.spec, geometry=local.model,
        keypoints_a=to_original(query.keypoints, query.image_size, size_a),
        keypoints_b=to_original(candidate.keypoints, candidate.image_size, size_b),
        inliers=pair.matches[pair.inlier_mask], outliers=pair.matches[~pair.inlier_mask], model=pair.model,
        size_a=size_a, size_b=size_b, region=region, found=found)

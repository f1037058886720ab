"""Standalone local retrieval (Alegoria §4): votes in one compressed index of all local descriptors, then RANSAC.

Gominski et al. (2019, §4): "DELF and ORB descriptors are matched one-to-one giving a
number-of-inliers score assessing similarity, using a product-quantized index for efficient
memory management"; local descriptors used on their own beat the global ones "with a
consistent and significant margin" (§4.1–4.2.1). No global shortlist is involved:

1. every local descriptor of the collection is in one :class:`~..index.local_index.LocalDescriptorIndex`
   (IVF-PQ for float descriptors, binary IVF for ORB), labelled by its image;
2. each query descriptor votes once for every image among its ``neighbours`` nearest stored
   descriptors (:func:`vote`);
3. the ``candidates`` images with most votes (100 by default) are verified geometrically
   (mutual nearest neighbours + ratio test + RANSAC, :func:`~..descriptors.local.verify_candidates`);
4. images are ranked by inlier count (those with at least the spec's ``min_inliers``), then the
   unverified candidates in vote order, then the other images that got votes, then the rest of
   the collection by id (:func:`rank_by_verification`).

The index lives in ``P/local_index/<slug>/`` and is brought up to date incrementally
(:func:`build_local_index`): new images are added, changed ones replaced, removed ones dropped,
with the quantizers trained once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from heritage_explorer.core.errors import CorruptArtefactError, HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.core.locks import flocked
from heritage_explorer.descriptors.local import (
    LocalFeatures,
    LocalSpec,
    create_matcher,
    rerank_order,
    verify_candidates,
)
from heritage_explorer.descriptors.local.storage import StoredLocalFeatures
from heritage_explorer.index.local_index import LocalDescriptorIndex
from heritage_explorer.pipeline.local import current_local_features, local_store
from heritage_explorer.pipeline.project import LOCAL_DIR, Project, spec_slug

LOCAL_INDEX_DIR = "local_index"
DEFAULT_CANDIDATES = 100  # images verified per query (the top by votes)
DEFAULT_NEIGHBOURS = 10  # stored descriptors each query descriptor votes through
TRAIN_PER_IMAGE = 64  # descriptors per image in the quantizers' training sample, at least
TRAIN_TOTAL = 65_536  # ... and more per image in a small collection: PQ codebooks want ~10k points
ADD_IMAGES = 512  # images added to the index per batch
ProgressFn = Callable[[Progress], None] | None


@dataclasses.dataclass(frozen=True)
class LocalRanking:
    """A full ranking by standalone local retrieval: ids best first, inliers (-1: not verified), votes."""

    ids: np.ndarray
    inliers: np.ndarray
    votes: np.ndarray


# -- voting and verification (plain arrays) ----------------------------------------------------------
def vote(index: LocalDescriptorIndex, descriptors: np.ndarray, *, neighbours: int = DEFAULT_NEIGHBOURS
         ) -> tuple[np.ndarray, np.ndarray]:
    """(image ids, votes), most votes first (ties by id): one vote per query descriptor per image among its neighbours."""
    labels, _ = index.search(descriptors, neighbours)
    if labels.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    labels = np.sort(labels, axis=1)
    first = np.ones_like(labels, dtype=bool)
    first[:, 1:] = labels[:, 1:] != labels[:, :-1]  # an image counts once per query descriptor
    voters = labels[first & (labels >= 0)]
    ids, counts = np.unique(voters, return_counts=True)
    order = np.lexsort((ids, -counts))
    return ids[order], counts[order]


def rank_by_verification(query: LocalFeatures, voted_ids: np.ndarray, votes: np.ndarray,
                         features_of: Callable[[int], LocalFeatures | None], local: LocalSpec, *,
                         candidates: int = DEFAULT_CANDIDATES, collection: np.ndarray | None = None,
                         query_id: int | None = None, executor: ThreadPoolExecutor | None = None, threads: int = 2,
                         cancel: CancelToken | None = None, progress: ProgressFn = None) -> LocalRanking:
    """Verify the top ``candidates`` voted images and rank (see the module docstring, step 4).

    ``query_id`` (a catalog query) is put first unverified, with its own feature count as score.
    ``collection`` lists every image id, so images without a vote follow (by id).
    """
    if candidates < 1:
        raise ValueError(f"candidates must be at least 1, got {candidates}")
    keep = voted_ids != query_id if query_id is not None else np.ones(len(voted_ids), bool)
    voted_ids, votes = voted_ids[keep], votes[keep]
    shortlist = voted_ids[:candidates]
    inliers = verify_candidates(query, [features_of(int(i)) for i in shortlist], local.match_config(),
                                matcher=create_matcher(local), executor=executor, threads=threads, cancel=cancel,
                                progress=progress)
    order = rerank_order(inliers, local.min_inliers)
    head_ids, head_inliers, head_votes = [shortlist[order]], [inliers[order]], [votes[:len(shortlist)][order]]
    if query_id is not None:
        head_ids.insert(0, np.array([query_id], np.int64))
        head_inliers.insert(0, np.array([len(query)], np.int64))
        head_votes.insert(0, np.array([len(query)], np.int64))
    rest = voted_ids[len(shortlist):]
    ids = np.concatenate([*head_ids, rest])
    tail = np.zeros(0, np.int64)
    if collection is not None:
        tail = np.setdiff1d(np.asarray(collection, np.int64), ids)  # ascending
    return LocalRanking(
        ids=np.concatenate([ids, tail]).astype(np.int64),
        inliers=np.concatenate([*head_inliers, np.full(len(rest) + len(tail), -1, np.int64)]),
        votes=np.concatenate([*head_votes, votes[len(shortlist):], np.zeros(len(tail), np.int64)]),
    )


def train_and_add(stored: StoredLocalFeatures, rows: Sequence[int], *, binary: bool, seed: int = 0
                  ) -> LocalDescriptorIndex:
    """A new index trained on a sample of ``stored``'s rows (:data:`TRAIN_PER_IMAGE` each), holding all of them."""
    rows = list(rows)
    counts = np.array([stored.offsets[r + 1] - stored.offsets[r] for r in rows], np.int64)
    if counts.sum() == 0:
        raise HeritageError("no local descriptors to index (every image has none)")
    rng = np.random.default_rng(seed)
    per_image = max(TRAIN_PER_IMAGE, -(-TRAIN_TOTAL // len(rows)))
    sample = []
    for r, n in zip(rows, counts, strict=True):
        lo = int(stored.offsets[r])
        picked = np.sort(rng.choice(int(n), min(int(n), per_image), replace=False)) if n else []
        sample.append(np.asarray(stored.descriptors[lo + picked]) if len(picked) else stored.descriptors[lo:lo])
    index = LocalDescriptorIndex.train(for_index(np.concatenate(sample), binary), binary=binary,
                                       n_expected=int(counts.sum()), seed=seed)
    add_rows(index, stored, rows)
    return index


def add_rows(index: LocalDescriptorIndex, stored: StoredLocalFeatures, rows: Sequence[int]) -> None:
    """Add the images of ``stored``'s ``rows`` (tagged with their content hashes), in batches."""
    rows = list(rows)
    for start in range(0, len(rows), ADD_IMAGES):
        part = rows[start:start + ADD_IMAGES]
        blocks = [(int(stored.offsets[r]), int(stored.offsets[r + 1])) for r in part]
        descriptors = np.concatenate([np.asarray(stored.descriptors[lo:hi]) for lo, hi in blocks])
        offsets = np.concatenate([[0], np.cumsum([hi - lo for lo, hi in blocks])])
        index.add(stored.ids[part], offsets, for_index(descriptors, index.binary),
                  [str(stored.hashes[r]) for r in part])


def for_index(descriptors: np.ndarray, binary: bool) -> np.ndarray:
    """Descriptors as the index takes them: packed bits, or float32 re-normalised (float16 storage)."""
    if binary:
        return np.ascontiguousarray(descriptors, np.uint8)
    x = np.asarray(descriptors, np.float32)
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)


# -- in a project ----------------------------------------------------------------------------------
def described_local_specs(project: Project) -> list[str]:
    """Feature specs with a non-empty local feature store in the project, in directory order."""
    from heritage_explorer.descriptors.local import LocalFeatureStore
    root = project.root / LOCAL_DIR
    metas = [LocalFeatureStore(d).meta_or_none() for d in sorted(root.iterdir()) if d.is_dir()] if root.is_dir() else []
    return [m["spec"] for m in metas if m and m.get("count")]


def local_weights_sha256(project: Project, local: LocalSpec) -> str | None:
    """The weights hash recorded in the store of ``local``'s features (None for ORB or when absent)."""
    return (local_store(project, local).meta_or_none() or {}).get("weights_sha256")


def local_index_dir(project: Project, local: LocalSpec) -> Path:
    return project.root / LOCAL_INDEX_DIR / spec_slug(local.feature_spec)


def build_local_index(project: Project, local: LocalSpec, *, rebuild: bool = False
                      ) -> tuple[LocalDescriptorIndex, StoredLocalFeatures, dict[int, int]]:
    """The up-to-date index of ``local``'s stored features, with the store and each current image's row.

    Incremental: images new since the last save are added, changed ones replaced, removed ones
    dropped; the index is rebuilt only when the features were made by other weights or settings.
    """
    stored, rows = current_local_features(project, local)
    meta = local_store(project, local).meta() or {}
    expected = {"spec": local.feature_spec, "weights_sha256": meta.get("weights_sha256"), "dim": meta.get("dim"),
                "dtype": meta.get("dtype"), "pca": meta.get("pca")}
    binary = meta.get("dtype") == "uint8"
    directory = local_index_dir(project, local)
    directory.mkdir(parents=True, exist_ok=True)
    with flocked(directory / ".lock", exclusive=True):
        index = None
        if not rebuild:
            try:
                index = LocalDescriptorIndex.load(directory, expected_meta=expected)
            except (FileNotFoundError, CorruptArtefactError):
                index = None
        if index is None:
            if not rows:
                raise HeritageError(f"{local.feature_spec}: no image with current local features to index")
            index = train_and_add(stored, sorted(rows.values()), binary=binary)
            index.save(directory, expected)
            return index, stored, rows
        held = index.images()
        gone = [i for i in held if i not in rows]
        todo = [r for i, r in rows.items() if held.get(i) != str(stored.hashes[r])]
        if gone:
            index.remove(gone)
        if todo:
            add_rows(index, stored, sorted(todo))
        if gone or todo:
            index.save(directory, expected)
    return index, stored, rows

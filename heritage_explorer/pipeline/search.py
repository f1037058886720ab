"""Similarity search: a persistent index per spec (HNSW, or IVF-PQ for large collections), kept in step
with the descriptor store."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from heritage_explorer.core.atomic import atomic_write_npz
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError, ProjectError, command_hint
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.core.locks import flocked
from heritage_explorer.core.regions import Box
from heritage_explorer.descriptors.engines import default_engine
from heritage_explorer.descriptors.method import MethodSpec, as_descriptor
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.index.backends import create_index, load_index
from heritage_explorer.index.params import HNSWLIB, hnsw_params, index_params
from heritage_explorer.index.saved import describe_saved
from heritage_explorer.pipeline.netvlad import NETVLAD_FILE
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.store import DescriptorStore, StoredVectors
from heritage_explorer.pipeline.whiten import WHITENING_FILE, load_whitening

if TYPE_CHECKING:
    from heritage_explorer.index.backends import Index

CONTENT_FILE = "content.npz"  # ids + content hashes of what the index holds
INDEX_LOCK = ".lock"
ADD_ROWS = 8192  # rows widened to float32 at a time while indexing: no full copy of a large store


@dataclass(frozen=True)
class SearchHit:
    rank: int
    image_id: int
    path: str
    score: float
    group: str | None

    def to_json(self) -> dict:
        return {"rank": self.rank, "image_id": self.image_id, "path": self.path, "score": self.score,
                "group": self.group}


def current_vectors(project: Project, spec: MethodSpec | str, *, verify: bool = False) -> StoredVectors:
    """The stored vectors of ``spec`` restricted to catalog images that are ok and unchanged."""
    spec = as_descriptor(spec, "reading stored vectors")
    store = DescriptorStore(project.descriptor_dir(spec))
    hint = command_hint("extract", "--project", project.root, "--method", spec)
    if store.meta() is None:
        raise HeritageError(f"{spec}: no descriptors in this project yet; run: {hint}")
    try:
        stored = store.load(verify=verify)
    except CorruptArtefactError as exc:
        raise CorruptArtefactError(f"{exc}. The {spec} descriptors are damaged; to recompute them, run: {hint}") from exc
    current = project.catalog.content_hashes()
    valid = np.array([current.get(int(i)) == h for i, h in zip(stored.ids, stored.hashes, strict=True)], bool)
    if valid.all():
        return stored
    return StoredVectors(stored.ids[valid], np.asarray(stored.vectors)[valid], stored.hashes[valid])


def build_index(
    project: Project, spec: MethodSpec | str, *, rebuild: bool = False,
    progress: Callable[[Progress], None] | None = None, cancel: CancelToken | None = None,
) -> Index:
    """Bring the index of ``spec`` up to date: add new images; rebuild only if images changed.

    One process or thread at a time per index (a blocking lock on ``indexes/<slug>/.lock``), so
    ``index.bin``, ``index.json`` and ``content.npz`` always describe the same index. ``cancel``
    stops it between blocks of rows (CancelledError); the index on disk is then left as it was.
    """
    project.require_writable("indexing")
    return _update_index(project, as_descriptor(spec, "a search index"), rebuild=rebuild, progress=progress, cancel=cancel)[0]


def _update_index(
    project: Project, spec: MethodSpec, *, rebuild: bool = False, progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> tuple[Index, StoredVectors]:
    """The up-to-date index and the store snapshot it was brought up to date with.

    In a read-only project (or one made read-only since it was opened) the index on disk is used
    when it is up to date, else one is built in memory for this process; nothing is written (and
    no lock taken). A project whose folder was moved or deleted meanwhile raises ProjectGoneError:
    its folders are never made again where it used to be.
    """
    directory = project.index_dir(spec)
    project.require_in_place("searching")
    if project.read_only or not project.writable_now:
        return _update_index_locked(project, spec, directory, rebuild=rebuild, progress=progress, save=False,
                                    cancel=cancel)
    directory.mkdir(parents=True, exist_ok=True)
    with flocked(directory / INDEX_LOCK, exclusive=True):
        for leftover in directory.glob(".*.tmp"):  # from a save that was killed
            leftover.unlink(missing_ok=True)
        return _update_index_locked(project, spec, directory, rebuild=rebuild, progress=progress, cancel=cancel)


def _update_index_locked(
    project: Project, spec: MethodSpec, directory: Path, *, rebuild: bool, progress: Callable[[Progress], None] | None,
    save: bool = True, cancel: CancelToken | None = None,
) -> tuple[Index, StoredVectors]:
    store = DescriptorStore(project.descriptor_dir(spec))
    for _ in range(3):  # the version recorded before and after reading must agree: never label old vectors new
        version = _vectors_version(store)
        vectors = current_vectors(project, spec, verify=True)
        if _vectors_version(store) == version:
            break
    else:
        raise ProjectError(f"{spec}: its descriptors are being replaced by an extraction; search again when it ends")
    expected = {"spec": spec.spec, "weights_sha256": version["weights_sha256"], "dim": int(vectors.vectors.shape[1])}
    index = None if rebuild else _load_if_compatible(directory, expected)
    if index is not None and any(index.meta.get(key, default) != version[key] for key, default in _REWRITTEN_BY.items()):
        index = None  # every stored row was rewritten (float16 rounding, a refit): rebuild, never mix the two
    expected.update({key: version[key] for key in _REWRITTEN_BY})
    if index is not None:
        held = _read_content(directory)
        now = dict(zip(vectors.ids.tolist(), vectors.hashes.tolist(), strict=True))
        if any(now.get(i) != h for i, h in held.items()):
            index = None  # an image changed or disappeared: its old vector must not be served
        elif set(held) != set(index.ids().tolist()):
            index = None  # content.npz describes another state of the index: trust neither
    if index is None:
        index = _new_index(vectors, expected["dim"])
        held = {}
    new = np.array([i not in held for i in vectors.ids.tolist()], bool)
    if new.any():
        rows = np.flatnonzero(new)
        for start in range(0, len(rows), ADD_ROWS):
            if cancel is not None:
                cancel.raise_if_cancelled()  # nothing saved yet: the files on disk stay as they were
            part = rows[start : start + ADD_ROWS]
            index.add(np.asarray(vectors.vectors[part], dtype=np.float32), vectors.ids[part])
        held.update(zip(vectors.ids[new].tolist(), vectors.hashes[new].tolist(), strict=True))
        _widen_search(index)
        if cancel is not None:
            cancel.raise_if_cancelled()
        if save:
            index.save(directory, expected)
            _write_content(directory, held)
    elif save and not (directory / CONTENT_FILE).exists():
        index.save(directory, expected)
        _write_content(directory, held)
    if progress is not None:
        progress(Progress(f"indexing {spec}", len(held), len(held)))
    return index, vectors


def _new_index(vectors: StoredVectors, dim: int) -> Index:
    """An empty index with the backend and parameters ``index_params`` chooses for the collection's
    size; an IVF-PQ index is trained first on a sample of the collection."""
    params = index_params(len(vectors.ids), dim)
    index = create_index(dim, params)
    if params.backend != HNSWLIB:
        count = len(vectors.ids)
        sample = np.sort(np.random.default_rng(0).choice(count, min(count, 100_000), replace=False))
        index.train(np.asarray(vectors.vectors[sample], dtype=np.float32))
    return index


def _widen_search(index: Index) -> None:
    """Raise an HNSW index's ``ef`` to what its present size calls for (``M`` is fixed when built:
    ``index --rebuild`` chooses the backend and all parameters again)."""
    if index.params.backend == HNSWLIB:
        index.set_ef(max(index.ef, hnsw_params(len(index), index.dim).ef))


def saved_indexes(project: Project) -> dict[str, dict]:
    """Per index folder (the spec's slug): its backend, parameters, count and dimension, read from
    ``index.json`` alone (what ``status`` reports)."""
    root = project.root / "indexes"
    found = {}
    for directory in sorted(root.iterdir()) if root.is_dir() else ():
        try:
            described = describe_saved(directory)
        except CorruptArtefactError as error:
            described = {"error": str(error)}
        if described is not None:
            found[directory.name] = described
    return found


# Index metadata keys that change when the values of unchanged images are rewritten, with the value
# an index saved before the key existed stands for.
_REWRITTEN_BY = {"storage": "float32", "fitted_sha256": None, "engine": "torch-bf16"}
# parameters fitted on the collection, saved beside a store (adaptation.npz: pipeline/adapt.py)
FITTED_FILES = (WHITENING_FILE, NETVLAD_FILE, "adaptation.npz")


def _vectors_version(store: DescriptorStore) -> dict:
    """What the stored values depend on besides the images: the weights, the storage (float16
    rounds every row) and the parameters fitted on the collection (refitting a PCA-whitening when
    images were added, or NetVLAD, rewrites every row under the same spec and weights)."""
    meta = store.meta() or {}
    fitted = hashlib.sha256()
    present = False
    for name in FITTED_FILES:
        try:
            with np.load(store.dir / name, allow_pickle=False) as data:
                for key in sorted(data.files):
                    fitted.update(f"{name}:{key}:{data[key].dtype}:{data[key].shape}".encode())
                    fitted.update(np.ascontiguousarray(data[key]).tobytes())
        except FileNotFoundError:
            continue
        except (OSError, ValueError, zipfile.BadZipFile):
            fitted.update(f"{name}:unreadable".encode())
        present = True
    return {"weights_sha256": meta.get("weights_sha256"), "storage": meta.get("storage", "float32"),
            "fitted_sha256": fitted.hexdigest() if present else None,
            "engine": meta.get("engine", "torch-bf16")}


def _load_if_compatible(directory: Path, expected: dict) -> Index | None:
    if not (directory / "index.json").exists():
        return None
    try:
        return load_index(directory, expected_meta=expected)
    except CorruptArtefactError:
        return None  # damaged or made from other descriptors: rebuilt from the store


def _read_content(directory: Path) -> dict[int, str]:
    try:
        with np.load(directory / CONTENT_FILE, allow_pickle=False) as data:
            return dict(zip(data["ids"].tolist(), data["hashes"].tolist(), strict=True))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return {}


def _write_content(directory: Path, held: dict[int, str]) -> None:
    atomic_write_npz(directory / CONTENT_FILE, ids=np.array(list(held), np.int64),
                     hashes=np.array(list(held.values()), "U64"))


def describe_external(project: Project, spec: MethodSpec | str, path: str | Path, *,
                      region: Box | None = None) -> np.ndarray:
    """The descriptor of an image outside the catalog (a dropped or pasted file), computed with the
    inference engine that made the method's stored vectors (the CPU's default engine before any exist).
    ``region`` (original pixels) describes that crop of the image instead (a region query)."""
    spec = as_descriptor(spec, "describing an image")
    extractor = create_extractor(spec)
    rgb = load_rgb(path, extractor.max_side, grayscale=extractor.grayscale, region=region)
    engine = DescriptorStore(project.descriptor_dir(spec.base)).engine or default_engine()
    base = create_extractor(spec.base, precision=engine)
    vector = base.describe(rgb)
    if extractor.whitening_dim is not None:
        vector = load_whitening(project, spec).transform(vector[None])[0]
    elif extractor.spec != extractor.base_spec:  # +adapt:NAME (issue #19)
        from heritage_explorer.pipeline.adapt_apply import transform_external

        vector = transform_external(project, spec, vector, rgb=rgb)
    return np.asarray(vector, np.float32)


@dataclass(frozen=True)
class _Served:
    """An index kept in memory for searches, with what it depends on."""

    files: tuple  # (mtime_ns, size) of the store and index files
    catalog: tuple  # (connection, data_version, total_changes) when the content hashes were read
    hashes: str  # digest of the catalog's (image id, content hash) pairs
    index: Index
    stored: StoredVectors


# index directory -> what is served: searches after the first skip the checksum of vectors.npy
# and the reload of index.bin while nothing they depend on changed.
_SERVING: dict[Path, _Served] = {}
_SERVING_LOCK = threading.Lock()


_STORE_FILES = ("meta.json", "vectors.npy")
_STORE_STAMPS = len(_STORE_FILES)


def _file_stamps(project: Project, spec: MethodSpec) -> tuple:
    def stamp(path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return st.st_mtime_ns, st.st_size

    files = [project.descriptor_dir(spec) / name for name in _STORE_FILES]
    files += [project.index_dir(spec) / name for name in ("index.json", "index.bin", CONTENT_FILE)]
    return tuple(stamp(f) for f in files)


def _catalog_version(project: Project) -> tuple:
    """A marker that changes with every commit to the catalog, in microseconds.

    SQLite's ``data_version`` changes when another connection commits and ``total_changes``
    when this one writes; both are per connection, so the connection object itself is part of
    the marker (kept referenced, it is never confused with a later one).
    """
    conn = project.catalog._connection()  # this thread's connection
    return conn, conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def _same_catalog(a: tuple, b: tuple) -> bool:
    return a[0] is b[0] and a[1:] == b[1:]


def _content_digest(project: Project) -> str:
    """The catalog's (image id, content hash) pairs, hashed: 0.1-0.2 s at 100k images."""
    return hashlib.sha256(repr(sorted(project.catalog.content_hashes().items())).encode()).hexdigest()


def _serving_index(project: Project, spec: MethodSpec, cancel: CancelToken | None = None) -> tuple[Index, StoredVectors]:
    """The up-to-date index of ``spec``, reused from memory while nothing it depends on changed.

    Per search: a stat of five files and two SQLite counters. Only after a commit to the
    catalog are its content hashes read again, and only if they changed is the index updated.
    """
    directory = project.index_dir(spec)
    files, catalog = _file_stamps(project, spec), _catalog_version(project)
    with _SERVING_LOCK:
        cached = _SERVING.get(directory)
    if cached is not None and cached.files == files:
        if _same_catalog(cached.catalog, catalog):
            return cached.index, cached.stored
        hashes = _content_digest(project)
        if hashes == cached.hashes:  # a commit that changed no image (annotations, runs, judgments)
            with _SERVING_LOCK:
                _SERVING[directory] = dataclasses.replace(cached, catalog=catalog)
            return cached.index, cached.stored
    hashes = _content_digest(project)  # read before the update: a change meanwhile shows next time
    index, stored = _update_index(project, spec, cancel=cancel)
    # The store's stamps from before it was read (an extraction finishing during the update shows
    # next time), the index's from after the update wrote it.
    files = files[:_STORE_STAMPS] + _file_stamps(project, spec)[_STORE_STAMPS:]
    with _SERVING_LOCK:
        _SERVING[directory] = _Served(files, catalog, hashes, index, stored)
    return index, stored


def search(
    project: Project, spec: MethodSpec | str, *, image_id: int | None = None, image_path: str | Path | None = None,
    query_vector: np.ndarray | None = None, k: int = 10, cancel: CancelToken | None = None,
) -> list[SearchHit]:
    """Top-``k`` images most similar to a catalog image (``image_id``), an external file
    (``image_path``) or a descriptor already computed (``query_vector``: L2-normalised, 1-D, as
    :func:`describe_external` returns it, e.g. from the GUI's describer process), as search hits:
    the index stage of the one ranker (:func:`.methods.rank`). ``cancel`` stops the index update a
    search may need first (closing the window does not wait for all of it)."""
    return hits_of(project, *nearest(project, spec, image_id=image_id, image_path=image_path,
                                     query_vector=query_vector, k=k, cancel=cancel))


def nearest(
    project: Project, spec: MethodSpec | str, *, image_id: int | None = None, image_path: str | Path | None = None,
    query_vector: np.ndarray | None = None, k: int = 10, cancel: CancelToken | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(ids, similarities) of the top ``k`` in the serving index (HNSW, or IVF-PQ at scale); see :func:`search`."""
    if sum(q is not None for q in (image_id, image_path, query_vector)) != 1:
        raise ValueError("give exactly one of image_id, image_path and query_vector")
    spec = as_descriptor(spec, "an index search")
    index, stored = _serving_index(project, spec, cancel)  # the query vector and the index from one snapshot
    if image_id is not None:
        if not (stored.ids == image_id).any():
            raise HeritageError(f"image {image_id} has no {spec} descriptor (unreadable, or not extracted yet)")
        query = index.vectors([image_id])  # the vector searched against; the store's pages stay untouched
    elif image_path is not None:
        query = describe_external(project, spec, image_path)[None]
    else:
        query = check_query_vector(spec, query_vector, index.dim)[None]
    ids, scores = index.query(query, k)
    return np.asarray(ids[0], np.int64), np.asarray(scores[0])


def hits_of(project: Project, ids: np.ndarray, scores: np.ndarray, *, integer: bool = False) -> list[SearchHit]:
    """Ranked ids as search hits (paths and groups from the catalog, ranks from 1); ``integer``: the
    scores are inlier counts. Ids no longer in the catalog are left out."""
    rows = {row.id: row for row in project.catalog.images(ids=[int(i) for i in ids])}
    return [SearchHit(rank, int(i), rows[int(i)].path, int(s) if integer else float(s), rows[int(i)].group)
            for rank, (i, s) in enumerate(zip(ids, scores, strict=True), 1) if int(i) in rows]


def check_query_vector(spec: MethodSpec | str, vector: np.ndarray, dim: int) -> np.ndarray:
    """``vector`` as float32, or a HeritageError when it is not one descriptor of ``dim`` values."""
    vector = np.asarray(vector, np.float32)
    if vector.ndim != 1 or vector.shape[0] != dim:
        raise HeritageError(f"{spec}: the query vector has shape {vector.shape}, the index holds "
                            f"{dim}-dimensional descriptors (was it computed with another method?)")
    return vector

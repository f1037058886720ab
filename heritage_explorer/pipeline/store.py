"""On-disk global descriptor store: a :class:`~..core.chunked_store.ChunkedStore` of one vector per image.

Layout of ``descriptors/<slug>/`` (the shared mechanics — locks, chunks, resumption, checksums —
are described in ``core/chunked_store.py``)::

    meta.json        spec, dim, weights sha256, engine, storage, schema version, checksums of the files below
    vectors.npy      N×D float32 (or float16, see below), L2-normalised, rows in ascending image id
                     order (memory-mapped)
    ids.npy          N int64 image ids
    hashes.npy       N content hashes (sha256 of each image file when it was described)
    chunks/*.npz     batches appended during an extraction not yet consolidated

Storage: ``meta.json["storage"]`` is ``float32`` (the default) or ``float16``, which halves the
file, the page cache and the memory-mapped pages a search touches, for a measured mAP loss
below 0.001 on the shared collections (README, *Performance*). The choice sticks to the store
(``extract --storage`` changes it); chunks stay float32 and are rounded when consolidated, so
float32 → float16 converts the existing vectors in place, while float16 → float32 recomputes
them (rounding cannot be undone). Reading: ``load()`` memory-maps float16 as it is (callers
widen rows with ``np.asarray(v, np.float32)``, exactly); ``load(mmap=False)`` and
``consolidate`` return float32. Rounded rows keep a norm within 1e-3 of 1 and are not renormalised, so the
index, exact evaluation and the GUI all see the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heritage_explorer.core.atomic import atomic_write_json
from heritage_explorer.core.chunked_store import Arrays, ChunkedStore, StoredRecords
from heritage_explorer.core.errors import ProjectError, command_hint
from heritage_explorer.descriptors.engines import LEGACY_ENGINE

STORAGE_DTYPES = {"float32": np.float32, "float16": np.float16}
DEFAULT_STORAGE = "float32"


class EngineMismatchError(ProjectError):
    """Extending a store with another inference engine than the one that made its vectors."""

    def __init__(self, spec: str, directory: Path, recorded: str, requested: str):
        self.spec, self.recorded, self.requested = spec, recorded, requested
        super().__init__(
            f"{spec}: the descriptors in {directory} were made with the {recorded} engine, not {requested}; "
            f"a store never mixes engines. Extend it with {recorded} (run: "
            f"{command_hint('extract', '--project', directory.parent.parent, '--method', spec, '--engine', recorded)}"
            f"), or delete {directory} to describe every image again with {requested}")


@dataclass(frozen=True)
class StoredVectors(StoredRecords):
    """Vectors of a store: ``vectors[i]`` describes image ``ids[i]`` (content hash ``hashes[i]``).

    ``vectors`` is float32, or float16 when memory-mapped from a float16 store.
    """

    ids: np.ndarray
    vectors: np.ndarray
    hashes: np.ndarray



class DescriptorStore(ChunkedStore):
    """The descriptors of one spec string in one project."""

    PER_IMAGE = ("ids", "vectors", "hashes")
    MAPPED = ("vectors",)
    DIM_ARRAY = "vectors"
    MAP_CONSOLIDATED = False  # the vectors just written, widened to float32

    def _pack(self, ids: Sequence[int], records: np.ndarray | Sequence[np.ndarray], hashes: Sequence[str],
              meta: dict) -> Arrays:
        vectors = np.ascontiguousarray(np.stack(records) if isinstance(records, list) else records, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(ids) or len(hashes) != len(ids):
            raise ValueError("ids, vectors and hashes must have the same number of rows")
        return {"ids": np.asarray(ids, dtype=np.int64), "vectors": vectors, "hashes": np.asarray(hashes, dtype="U64")}

    def _record(self, arrays: Arrays) -> StoredVectors:
        return StoredVectors(arrays["ids"], arrays["vectors"], arrays["hashes"])

    def _empty(self, meta: dict | None) -> Arrays:
        dim = int(meta["dim"]) if meta else 0
        return {"ids": np.zeros(0, np.int64), "vectors": np.zeros((0, dim), np.float32), "hashes": np.zeros(0, "U64")}

    def _stored_dtype(self, name: str, meta: dict) -> np.dtype | None:
        return np.dtype(STORAGE_DTYPES[meta.get("storage", DEFAULT_STORAGE)]) if name == "vectors" else None

    @property
    def storage(self) -> str:
        """``float32`` or ``float16``: how ``consolidate`` writes the vectors."""
        return (self.meta_or_none() or {}).get("storage", DEFAULT_STORAGE)

    @property
    def engine(self) -> str | None:
        """The inference engine of the stored vectors (``meta.json["engine"]``; stores written before
        engines were recorded: ``torch-bf16``), or None when the store holds no vectors yet or its
        method has no network (colour histograms)."""
        meta = self.meta_or_none()
        if meta is None or not self.has_data():
            return None
        return meta.get("engine", LEGACY_ENGINE if meta.get("weights_sha256") else None)

    def prepare(self, *, spec: str, dim: int, weights_sha256: str | None, extra: dict | None = None,
                storage: str | None = None, engine: str | None = None) -> bool:
        """Make the store ready for ``spec``; returns False when existing vectors were discarded.

        Vectors made with other weights or another dimension are never mixed with new ones:
        the old files are removed (they are stale) and the extraction starts afresh. ``storage``
        (``float32``/``float16``) changes how vectors are stored; None keeps the store's choice.
        ``engine`` (``descriptors/engines.py``) is recorded; extending vectors that another engine
        made raises :class:`EngineMismatchError` (nothing is changed), so one store never mixes engines.
        """
        if storage is not None and storage not in STORAGE_DTYPES:
            raise ValueError(f"storage must be one of {', '.join(STORAGE_DTYPES)}, got {storage!r}")
        self.dir.mkdir(parents=True, exist_ok=True)
        identity = {"spec": spec, "dim": dim, "weights_sha256": weights_sha256}
        with self._files_lock(exclusive=True):
            if engine is not None:
                self._check_engine(identity, engine)
            stored_as = (self.meta_or_none() or {}).get("storage", DEFAULT_STORAGE)
            storage = storage or stored_as
            return self._prepare(
                identity, {**(extra or {}), **({"engine": engine} if engine else {}), "storage": storage},
                still_fresh=lambda meta: not (stored_as == "float16" and storage == "float32"))  # rounded: recompute

    def _check_engine(self, identity: dict, engine: str) -> None:
        meta = self.meta_or_none()
        if meta is None or any(meta.get(k) != v for k, v in identity.items()):
            return  # other vectors: discarded anyway, nothing to mix with
        recorded = meta.get("engine", LEGACY_ENGINE)
        if recorded == engine:
            return
        if not self.has_data():
            atomic_write_json(self.meta_path, {**meta, "engine": engine})
            return
        raise EngineMismatchError(identity["spec"], self.dir, recorded, engine)


def write_derived_store(store: DescriptorStore, *, spec: str, weights_sha256: str | None, extra: dict,
                        storage: str | None, engine: str | None, ids: Sequence[int], vectors: np.ndarray,
                        hashes: Sequence[str], current: dict[int, str], artefact: tuple[str, object | None]
                        ) -> DescriptorStore:
    """Rewrite every row of a store derived from its base's rows (``+pcaw``, ``+adapt``).

    ``artefact`` is the file the derivation keeps beside the rows (its name, and an object with
    ``save(path)``; None removes the file). The previous rows stay readable until the new ones
    replace them in one atomic consolidation (a later row for an id wins); rows of images the base
    no longer has, or that changed since (``current``: id → content hash), are dropped there.
    """
    if store.engine not in (None, engine):
        store.clear()  # every row is rewritten from the base: nothing of the other engine to keep
    store.prepare(spec=spec, dim=int(vectors.shape[1]), weights_sha256=weights_sha256, extra=extra,
                  storage=storage, engine=engine)
    name, saved = artefact
    if saved is not None:
        saved.save(store.dir / name)
    else:
        (store.dir / name).unlink(missing_ok=True)
    ids, hashes = [int(i) for i in ids], [str(h) for h in hashes]
    store.append_chunk(ids, vectors, hashes)
    store.consolidate({i: h for i, h in zip(ids, hashes, strict=True) if current.get(i) == h})
    return store

"""Fine-tuning a base method on the mined pairs (issue #19, part 2; ``adapt --learn finetune``).

The positives are the verified pairs of the mining, weighted by their inliers
(``min(1, inliers / INLIER_WEIGHT_FULL)``: a pair verified by a few inliers pulls less). The
negatives are what makes or breaks a contrastive loss: on rparis6k 94 % of the *mined* hard
negatives (near neighbours that ORB could not verify) are images of the same landmark, and a loss
that pushes them away unlearns the collection. A negative of image ``i`` must therefore be

* outside the component of ``i`` in the graph of verified positives (verified, or transitively so),
* and ranked below ``negative_rank`` by the base descriptor in both directions (not a mutual near
  neighbour: far down the ranking of ``i``, and ``i`` far down its own);

among those, the hardest under the network being trained are taken (re-mined at each epoch). The
network (:mod:`..descriptors.finetune`) trains its last stages and the GeM ``p``; the fine-tuned
vectors of every image are kept in ``P/adapt/NAME/finetuned.npz`` (ids, content hashes), so that the
adapted store, the folds and a new image reuse or extend them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from heritage_explorer.core.atomic import atomic_write_npz
from heritage_explorer.core.errors import CorruptArtefactError, HeritageError
from heritage_explorer.core.jobs import CancelToken, RateMeter
from heritage_explorer.descriptors.method import MethodSpec
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline.adapt_sample import MinedSample
from heritage_explorer.pipeline.adapt_store import (
    FINETUNE_CHECKPOINT,
    FINETUNE_FILE,
    FINETUNED_VECTORS,
    ProgressFn,
    adaptation_dir,
)
from heritage_explorer.pipeline.project import Project

DEFAULT_NEGATIVE_RANK = 30
INLIER_WEIGHT_FULL = 60
FROZEN_BATCH = 8


def check_finetunable(parsed: MethodSpec) -> str:
    """The precision the frozen stages run in; a clear error for a base that cannot be fine-tuned."""
    from heritage_explorer.descriptors.backbones import TRUNKS

    extractor = create_extractor(parsed)
    key = extractor.backbone_key
    if key is None or TRUNKS[key].family != "efficientnet-lite" or getattr(extractor, "pooling", None) != "gem" \
            or len(extractor.scales) != 1:
        raise HeritageError(f"{parsed.spec}: --learn finetune trains EfficientNet-Lite GeM methods at one scale "
                            "(efflite0-gem, efflite2-gem, with or without +gray); use --learn lw for this base")
    return "bf16" if extractor.precision in ("bf16", "torch-bf16") else "fp32"


def allowed_negatives(vectors: np.ndarray, positives: np.ndarray, negative_rank: int) -> np.ndarray:
    """N×N bool: may image j be a negative of image i (see the module docstring)."""
    n = len(vectors)
    sims = vectors @ vectors.T
    order = np.argsort(-sims, axis=1, kind="stable")
    rank = np.empty((n, n), np.int64)
    rank[np.arange(n)[:, None], order] = np.arange(n)[None, :]
    far = (rank > negative_rank) & (rank.T > negative_rank)
    component = np.arange(n)
    for a, b in sorted(map(tuple, positives)):  # union-find on rows, roots the smallest row
        ra, rb = _root(component, a), _root(component, b)
        component[max(ra, rb)] = min(ra, rb)
    roots = np.array([_root(component, i) for i in range(n)])
    return far & (roots[:, None] != roots[None, :])


def _root(parent: np.ndarray, x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = int(parent[x])
    return int(x)


def frozen_maps(project: Project, parsed: MethodSpec, model, ids: np.ndarray, *, threads: int = 2,
                progress: ProgressFn = None, cancel: CancelToken | None = None) -> list:
    """The output of the frozen stages for each image of ``ids`` (in that order)."""
    from heritage_explorer.core.imageio import load_rgb
    from heritage_explorer.core.jobs import ordered_prefetch

    extractor = create_extractor(parsed)
    rows = {row.id: row for row in project.catalog.images(ids=[int(i) for i in ids])}
    missing = [int(i) for i in ids if int(i) not in rows]
    if missing:
        raise HeritageError(f"fine-tuning: image #{missing[0]} of the base store is no longer in the catalog; "
                            "extract the base method again")
    meter = RateMeter("fine-tuning: computing the frozen stages", len(ids))
    maps: list = [None] * len(ids)
    pending: dict[tuple, list[tuple[int, object]]] = {}  # images of one shape go through in one batch

    def flush(shape: tuple) -> None:
        batch = pending.pop(shape)
        for (row, _), fmap in zip(batch, model.frozen_maps([x for _, x in batch]), strict=True):
            maps[row] = fmap

    def decode(image: int) -> np.ndarray:
        return load_rgb(rows[image].abspath, extractor.max_side, grayscale=extractor.grayscale)

    for n, (_, rgb) in enumerate(ordered_prefetch(decode, [int(i) for i in ids], threads=threads, cancel=cancel,
                                                  name="finetune-decode"), 1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        prepared = model.backbone.prepare(rgb).unsqueeze(0)
        pending.setdefault(tuple(prepared.shape), []).append((n - 1, prepared))
        if len(pending[tuple(prepared.shape)]) == FROZEN_BATCH:
            flush(tuple(prepared.shape))
        if progress is not None and (n % 16 == 0 or n == len(ids)):
            progress(meter.progress(n))
    for shape in sorted(pending):
        flush(shape)
    return maps


def run_finetune(project: Project, parsed: MethodSpec, stored, sample: MinedSample, directory: Path, *,
                 seed: int, config, negative_rank: int = DEFAULT_NEGATIVE_RANK, deadline: float | None = None,
                 threads: int = 2, progress: ProgressFn = None, cancel: CancelToken | None = None
                 ) -> tuple[np.ndarray, dict]:
    """Fine-tune on ``sample``'s positives; returns the fine-tuned vectors (rows of ``stored``) and
    what the provenance records. Resumes from ``directory/finetune.checkpoint.pt`` when it matches."""
    from heritage_explorer.descriptors.finetune import FineTuned, train

    precision = check_finetunable(parsed)
    backbone = create_extractor(parsed).backbone()
    model = FineTuned(backbone, config.stages, precision)
    ids = np.asarray(stored.ids)
    hashes = [str(h) for h in stored.hashes]
    row_of = stored.row_of()
    kept = [p for p in sample.of_kind("positive") if p.a in row_of and p.b in row_of]
    positives = np.array([(row_of[p.a], row_of[p.b]) for p in kept], np.int64).reshape(-1, 2)
    weights = np.array([min(1.0, p.inliers / INLIER_WEIGHT_FULL) for p in kept], np.float64)
    negative_rank = min(negative_rank, len(ids) // 3)  # a small collection: a third of it at least is "near"
    allowed = allowed_negatives(np.asarray(stored.vectors, np.float32), positives, negative_rank)
    key = hashlib.sha256(repr((parsed.spec, backbone.weights_sha256, precision, ids.tolist(), hashes,
                               positives.tolist(), weights.tolist(), negative_rank, seed)).encode()).hexdigest()
    maps = frozen_maps(project, parsed, model, ids, threads=threads, progress=progress, cancel=cancel)
    result = train(model, maps, positives, allowed, config, seed=seed, key=key, weights=weights,
                   checkpoint=directory / FINETUNE_CHECKPOINT, deadline=deadline, progress=progress, cancel=cancel)
    vectors = model.describe_maps(maps)
    info = {"stages": config.stages, "epochs": result.epochs, "epochs_planned": config.epochs,
            "complete": result.complete, "resumed_from_epoch": result.resumed_from, "loss": result.losses,
            "seconds": round(result.seconds, 3), "gem_p": model.gem_p, "precision_frozen": precision,
            "negative_rank": negative_rank, "inlier_weight_full": INLIER_WEIGHT_FULL,
            "allowed_negatives_per_image": round(float(allowed.sum(axis=1).mean()), 2),
            "config": {k: getattr(config, k) for k in config.__dataclass_fields__}, "checkpoint_key": key}
    model.save(directory / FINETUNE_FILE, {"spec": parsed.spec, "seed": seed, "epochs": result.epochs})
    write_finetuned_vectors(directory, ids, hashes, vectors, file_sha256(directory / FINETUNE_FILE))
    return vectors, info


# -- the fine-tuned vectors ---------------------------------------------------------------------------
def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_finetuned_vectors(directory: Path, ids, hashes, vectors: np.ndarray, weights_sha256: str) -> None:
    atomic_write_npz(directory / FINETUNED_VECTORS, ids=np.asarray(ids, np.int64), hashes=np.asarray(hashes, "U64"),
                     vectors=np.asarray(vectors, np.float32), weights_sha256=np.array(weights_sha256))


def read_finetuned_vectors(directory: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(ids, vectors, content hashes) of the fine-tuned vectors, checked against ``finetune.pt``."""
    path = directory / FINETUNED_VECTORS
    try:
        with np.load(path, allow_pickle=False) as data:
            ids, vectors, hashes = data["ids"], data["vectors"], [str(h) for h in data["hashes"]]
            weights = str(data["weights_sha256"][()])
    except (OSError, KeyError, ValueError) as exc:
        raise CorruptArtefactError(f"{path}: cannot read the fine-tuned vectors ({exc}); run adapt again") from exc
    if weights != file_sha256(directory / FINETUNE_FILE):
        raise CorruptArtefactError(f"{path}: made with other fine-tuned weights than {FINETUNE_FILE}; run adapt again")
    return ids, vectors.astype(np.float32), hashes


_MODELS: dict[tuple[str, int, str], object] = {}


def load_finetuned(project: Project, name: str, base: MethodSpec):
    """The fine-tuned network of adaptation ``name`` (cached per file version)."""
    from heritage_explorer.descriptors.finetune import FineTuned

    path = adaptation_dir(project, name) / FINETUNE_FILE
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, str(base))
    if key not in _MODELS:
        _MODELS.clear()
        _MODELS[key] = FineTuned.load(path, create_extractor(base).backbone())
    return _MODELS[key]


def current_finetuned_vectors(project: Project, name: str, base: MethodSpec, base_vectors) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Fine-tuned vectors of the images of the base store (``base_vectors``, loaded): kept ones reused,
    new or changed images described by the fine-tuned network; the file is updated when it grew."""
    from heritage_explorer.core.imageio import load_rgb

    directory = adaptation_dir(project, name)
    ids, vectors, hashes = read_finetuned_vectors(directory)
    known = {(int(i), h): r for r, (i, h) in enumerate(zip(ids, hashes, strict=True))}
    wanted = [(int(i), str(h)) for i, h in zip(base_vectors.ids, base_vectors.hashes, strict=True)]
    todo = [(i, h) for i, h in wanted if (i, h) not in known]
    out = np.zeros((len(wanted), vectors.shape[1]), np.float32)
    if todo:
        model = load_finetuned(project, name, base)
        extractor = create_extractor(base)
        rows = {row.id: row for row in project.catalog.images(ids=[i for i, _ in todo])}
        new = {}
        for i, h in todo:
            rgb = load_rgb(rows[i].abspath, extractor.max_side, grayscale=extractor.grayscale)
            new[(i, h)] = model.describe(model.backbone.prepare(rgb).unsqueeze(0))
    for r, pair in enumerate(wanted):
        out[r] = vectors[known[pair]] if pair in known else new[pair]
    if todo:
        write_finetuned_vectors(directory, [i for i, _ in wanted], [h for _, h in wanted], out,
                                file_sha256(directory / FINETUNE_FILE))
    return np.array([i for i, _ in wanted], np.int64), out, [h for _, h in wanted]


def describe_external(project: Project, name: str, base: MethodSpec, rgb: np.ndarray) -> np.ndarray:
    """The fine-tuned descriptor of an image outside the catalog (already loaded as the base loads it)."""
    model = load_finetuned(project, name, base)
    return model.describe(model.backbone.prepare(rgb).unsqueeze(0))


"""Adapting a global descriptor to the collection (issue #19): mined pairs, learned whitening, fine-tuning.

``heritage-explorer adapt --project P --method efflite0-gem --name NAME`` learns, from the
project's own images and without labels, a method ``efflite0-gem+adapt:NAME``:

1. **Mining** (:mod:`.adapt_mining`; Radenović et al. TPAMI 2019 mine pairs that structure-from-motion
   verified, ArtMiner, Shen et al. CVPR 2019, pairs that pass spatial verification): each image's
   ``k`` nearest neighbours verified by the project's local matching; positives and hard negatives.
2. **Learning** (``learn``): ``lw`` (default) learned whitening from the positive pairs
   (:class:`..descriptors.learned_whitening.LearnedWhitening`, shrunk toward the identity);
   ``finetune`` trains the last stages of the EfficientNet-Lite trunk and the GeM ``p`` with a
   contrastive loss (:mod:`.adapt_finetune`, :mod:`..descriptors.finetune`); ``lw+finetune``
   fine-tunes, then learns the whitening on the fine-tuned vectors (Radenović et al. do both).
   Training is bounded by ``minutes``, deterministic for a ``seed`` and resumes after an
   interruption from its checkpoint.
3. **Supervision** (:mod:`.adapt_folds`): ``none`` reads neither labels nor judgments;
   ``labels`` (catalog groups) and ``judgments`` (the archivist's relevance judgments) add
   supervised pairs to the whitening and learn one model per class-disjoint fold, used by the
   evaluation (``evaluation_protocol``). Fine-tuning itself only ever uses the mined pairs.

Stored in ``P/adapt/NAME/`` (:mod:`.adapt_store`). The adapted store ``descriptors/<slug>/`` holds
the base (or fine-tuned) vectors transformed, and a copy of the whitening.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heritage_explorer import __version__
from heritage_explorer.core.atomic import atomic_write_bytes, atomic_write_json
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken, RateMeter
from heritage_explorer.descriptors.learned_whitening import LearnedWhitening
from heritage_explorer.descriptors.local import LocalSpec
from heritage_explorer.descriptors.method import Method, MethodSpec, as_descriptor, as_local
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline.adapt_folds import (  # noqa: F401 (the public API of adaptation)
    FOLDS,
    LABEL_PAIRS_PER_CLASS,
    MIN_JUDGED_POSITIVES,
    _labels,
    class_folds,
    evaluation_protocol,
    fold_rankings,
    group_folds,
    judged_pairs,
    label_pairs,
    require_judgments,
)
from heritage_explorer.pipeline.adapt_mining import (  # noqa: F401
    DEFAULT_K,
    DEFAULT_LOCAL,
    DEFAULT_MIN_INLIERS,
    DEFAULT_MIN_SPREAD,
    MIN_IMAGES,
    SAVE_EVERY,
    MinedPair,
    MinedSample,
    VerificationCache,
    inlier_spread,
    mine_pairs,
    neighbour_pairs,
)
from heritage_explorer.pipeline.adapt_store import (  # noqa: F401
    ADAPT_DIR,
    ADAPTATION_FILE,
    FINETUNE_CHECKPOINT,
    FINETUNE_FILE,
    FINETUNED_VECTORS,
    LEARNINGS,
    PROVENANCE_FILE,
    VERIFIED_DIR,
    ProgressFn,
    adaptation_dir,
    adapted_name,
    check_adapted,
    check_name,
    default_name,
    fine_tuned,
    learns_whitening,
    load_adaptation,
    project_adaptations,
    read_provenance,
)
from heritage_explorer.pipeline.project import Project

SUPERVISIONS = ("none", "labels", "judgments")
MIN_POSITIVES = 5
DEFAULT_EPOCHS = 5


@dataclass
class AdaptResult:
    spec: str
    sample: MinedSample
    supervision: str
    learn: str = "lw"
    label_pairs: int = 0
    judgment_pairs: int = 0
    augmentation_pairs: int = 0
    shrinkage: float | None = None
    finetune: dict | None = None
    dry_run: bool = False
    seconds: float = 0.0
    directory: Path | None = None

    def to_json(self) -> dict:
        positives = len(self.sample.of_kind("positive"))
        tuned = self.finetune or {}
        return {"spec": self.spec, "pairs": positives + self.label_pairs + self.judgment_pairs + self.augmentation_pairs,
                "epochs": tuned.get("epochs", 0), "loss": tuned.get("loss", []),
                "augmentation_pairs": self.augmentation_pairs, "learn": self.learn,
                "learning": {"lw": "learned-whitening", "finetune": "fine-tuning",
                             "lw+finetune": "fine-tuning+learned-whitening"}[self.learn],
                "supervision": self.supervision, "dry_run": self.dry_run, "label_pairs": self.label_pairs,
                "judgment_pairs": self.judgment_pairs, "shrinkage": self.shrinkage, "finetune": self.finetune,
                "mining": self.sample.summary(), "seconds": round(self.seconds, 3),
                "directory": str(self.directory) if self.directory else None}


def _check_base(method: Method | str) -> MethodSpec:
    try:
        parsed = as_descriptor(method, "an adaptation")
    except HeritageError as exc:
        raise HeritageError(f"{method}: not a method that can be adapted ({exc})") from exc
    if parsed.kind != "global" or parsed.adapt or parsed.whitening_dim or parsed.netvlad:
        raise HeritageError(f"{method}: cannot be adapted; give a CNN global method without +pca/+pcaw/+adapt, "
                            "e.g. efflite0-gem")
    return parsed


def learning_problem(learn: str, supervision: str) -> str | None:
    """Why ``learn`` with ``supervision`` cannot be run (None when it can): an unknown supervision or
    learning, or a pair of them ``adapt`` refuses. The app's request and dialog ask this too."""
    if supervision not in SUPERVISIONS:
        return f"--supervision must be one of {', '.join(SUPERVISIONS)}, not {supervision!r}"
    if learn not in LEARNINGS:
        return f"--learn must be one of {', '.join(LEARNINGS)}, not {learn!r}"
    if learn == "finetune" and supervision != "none":
        return ("--learn finetune trains on the mined pairs only; supervised pairs enter the whitening, "
                "one per class-disjoint fold: use --learn lw+finetune (or lw) with --supervision "
                f"{supervision}")
    return None


def adapt(project: Project, method: Method | str, *, name: str, local: LocalSpec | str = DEFAULT_LOCAL, supervision: str = "none",
          seed: int = 0, minutes: float | None = None, k: int = DEFAULT_K, min_inliers: int = DEFAULT_MIN_INLIERS,
          min_spread: float = DEFAULT_MIN_SPREAD, augment: int = 0, dry_run: bool = False, threads: int = 2,
          learn: str = "lw", epochs: int = DEFAULT_EPOCHS, finetune_config=None,
          progress: ProgressFn = None, cancel: CancelToken | None = None) -> AdaptResult:
    """Mine, learn and store ``method+adapt:name``; with ``dry_run`` only mine and write the pairs.

    ``augment`` adds that many augmentation positives per image (:func:`augmentation_differences`;
    ``lw`` only). ``learn`` is ``lw``, ``finetune`` or ``lw+finetune``; ``epochs`` (or a whole
    :class:`..descriptors.finetune.FineTuneConfig`) sets the fine-tuning. ``minutes`` bounds the
    mining and the training together: a run out of time keeps what it did (run it again to go on).
    """
    start = time.perf_counter()
    check_name(name)
    problem = learning_problem(learn, supervision)
    if problem is not None:
        raise HeritageError(problem)
    if augment and learn != "lw":
        raise HeritageError("--augment adds augmentation positives to the learned whitening of the base vectors: "
                            "use it with --learn lw")
    parsed = _check_base(method)
    base = parsed.spec  # the canonical spelling, written to the provenance
    if learn != "lw":
        from heritage_explorer.pipeline.adapt_finetune import check_finetunable

        check_finetunable(parsed)
    local = as_local(local, "mining pairs")
    project.require_writable("adaptation")
    from heritage_explorer.pipeline.methods import extract_any

    extract_any(project, [parsed, local], threads=threads, progress=progress, cancel=cancel)
    sample = mine_pairs(project, parsed, local=local, k=k, min_inliers=min_inliers, min_spread=min_spread,
                        minutes=minutes, threads=threads, progress=progress, cancel=cancel)
    directory = adaptation_dir(project, name)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {row.id: row.path for row in project.catalog.images()}
    sample.write(directory, paths)
    spec = dataclasses.replace(parsed, adapt=name).spec
    result = AdaptResult(spec, sample, supervision, learn=learn, dry_run=dry_run, directory=directory)
    if dry_run:
        result.seconds = time.perf_counter() - start
        return result
    if not sample.complete:
        raise HeritageError(f"mining stopped after {minutes} min with {len(sample.pairs)} of {sample.candidates} "
                            "neighbour pairs verified (kept); run the same command again to go on")
    from heritage_explorer.pipeline.search import current_vectors

    stored = current_vectors(project, parsed)
    vectors = np.asarray(stored.vectors, np.float32)
    row_of = stored.row_of()
    positives = [(row_of[p.a], row_of[p.b]) for p in sample.of_kind("positive")]
    if learn != "lw":
        from heritage_explorer.descriptors.finetune import FineTuneConfig
        from heritage_explorer.pipeline.adapt_finetune import run_finetune

        config = finetune_config or FineTuneConfig(epochs=epochs)
        if len(positives) < MIN_POSITIVES:
            _too_few(positives, sample, min_inliers, min_spread)
        deadline = None if minutes is None else start + 60.0 * minutes
        vectors, result.finetune = run_finetune(project, parsed, stored, sample, directory, seed=seed, config=config,
                                                deadline=deadline, threads=threads, progress=progress, cancel=cancel)
    augmented = augmentation_differences(project, parsed, stored, augment, seed, progress=progress, cancel=cancel)
    folds: list = []
    extra: list[tuple[int, int]] = []
    fold_pairs: list[list[tuple[int, int]]] = []
    judged_wrong: set[tuple[int, int]] = set()
    if supervision == "labels":
        labels = _labels(project, stored.ids)
        if len(set(labels.values())) < 2:
            raise HeritageError(f"--supervision labels: the catalog gives {len(set(labels.values()))} class(es) "
                                "to the described images; at least 2 are needed (a 'group' column in the listing)")
        rng = np.random.default_rng(seed)
        extra = [(row_of[a], row_of[b]) for a, b in label_pairs(labels, set(labels.values()), rng)]
        folds = class_folds(sorted(set(labels.values())), seed)
        for held_out in folds:
            train = set(labels.values()) - set(held_out)
            fold_pairs.append([(row_of[a], row_of[b]) for a, b in label_pairs(labels, train, rng)])
    elif supervision == "judgments":
        relevant, wrong, groups = require_judgments(project, [int(i) for i in stored.ids])
        judged_wrong = {(row_of[a], row_of[b]) for a, b in wrong} | {(row_of[b], row_of[a]) for a, b in wrong}
        extra = [(row_of[a], row_of[b]) for a, b in relevant]
        folds = group_folds(groups, seed)
        for held_out in folds:
            held = {row_of[i] for i in held_out}
            fold_pairs.append([p for p in extra if p[0] not in held and p[1] not in held])
    # a mined pair the archivist judged not relevant is not a positive (the full model; the folds keep
    # the mined pairs touching their held-out images: those judgments are not theirs to see)
    kept = [p for p in positives if p not in judged_wrong]
    fold_models = []
    if learn != "finetune":
        for i, pairs in enumerate(fold_pairs):
            held = {row_of[x] for x in folds[i]} if supervision == "judgments" else set()
            mined = [p for p in positives if p not in judged_wrong or p[0] in held or p[1] in held]
            fold_models.append(LearnedWhitening().fit(vectors, mined + pairs, positive_differences=augmented))
        if len(kept) + len(extra) + len(augmented) < MIN_POSITIVES:
            _too_few(positives, sample, min_inliers, min_spread)
        whitening = LearnedWhitening().fit(vectors, kept + extra, positive_differences=augmented)
        result.shrinkage = whitening.shrinkage_
    provenance = {
        "schema": "heritage-explorer/adaptation", "schema_version": 2, "name": name, "spec": spec, "base": base,
        "learn": learn,
        "learning": {"lw": "learned-whitening (Radenović et al. TPAMI 2019), Ledoit-Wolf shrinkage toward the identity",
                     "finetune": "fine-tuning of the last stages and GeM p, contrastive loss (Radenović et al. TPAMI 2019)",
                     "lw+finetune": "fine-tuning of the last stages and GeM p, contrastive loss, then learned "
                                    "whitening of the fine-tuned vectors (Radenović et al. TPAMI 2019)"}[learn],
        "supervision": supervision, "seed": seed, "mining": sample.summary(),
        "positive_pairs": len(kept), "label_pairs": len(extra) if supervision == "labels" else 0,
        "judgment_pairs": len(extra) if supervision == "judgments" else 0,
        "judged_not_relevant": len(judged_wrong) // 2, "augmentation_pairs": len(augmented),
        "augment_per_image": augment, "shrinkage": result.shrinkage, "folds": folds,
        "epochs": (result.finetune or {}).get("epochs", 0), "loss": (result.finetune or {}).get("loss", []),
        "fine_tuning": result.finetune or "none",
        "fit_set_sha256": project.image_set_sha256([int(i) for i in stored.ids]), "images": int(len(stored.ids)),
        "code_version": __version__, "code_sha256": _code_digest(), "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if learn != "finetune":
        whitening.metadata = {"spec": spec, "base": base}
        whitening.save(directory / ADAPTATION_FILE)
    else:
        (directory / ADAPTATION_FILE).unlink(missing_ok=True)
    if learn == "lw":
        for stale in (FINETUNE_FILE, FINETUNED_VECTORS, FINETUNE_CHECKPOINT):
            (directory / stale).unlink(missing_ok=True)
    for old in (directory / "folds").glob("fold_*.npz"):
        old.unlink()
    for i, model in enumerate(fold_models):
        (directory / "folds").mkdir(exist_ok=True)
        model.save(directory / "folds" / f"fold_{i}.npz")
    atomic_write_json(directory / PROVENANCE_FILE, provenance)
    from heritage_explorer.pipeline.extract import extract_methods

    extract_methods(project, [spec])  # writes the adapted store (apply_adaptation)
    result.label_pairs = provenance["label_pairs"]
    result.judgment_pairs = provenance["judgment_pairs"]
    result.augmentation_pairs = len(augmented)
    result.seconds = time.perf_counter() - start
    return result


def _too_few(positives: list, sample: MinedSample, min_inliers: int, min_spread: float) -> None:
    raise HeritageError(
        f"adaptation needs at least {MIN_POSITIVES} positive pairs; mining found {len(positives)} among "
        f"{len(sample.pairs)} verified neighbour pairs of {sample.images} images (≥ {min_inliers} inliers "
        f"spread over ≥ {min_spread:.0%} of both images). Try a larger --k or a lower --min-inliers")


def augmentation_differences(project: Project, base: MethodSpec, stored, count: int, seed: int, *,
                             progress: ProgressFn = None, cancel: CancelToken | None = None) -> np.ndarray:
    """Augmentation positives: for each image, ``count`` synthetic variations (Alegoria types,
    :func:`..descriptors.augment.augment`, drawn from ``(seed, image id, j)``) described by the base
    network; returns the differences stored vector − variation's vector (``count × N`` rows)."""
    dim = int(np.asarray(stored.vectors).shape[1])
    if count <= 0:
        return np.zeros((0, dim), np.float32)
    from heritage_explorer.core.errors import UnreadableImageError
    from heritage_explorer.core.imageio import load_rgb
    from heritage_explorer.descriptors.augment import augment

    extractor = create_extractor(base)
    rows = {row.id: row for row in project.catalog.images(ids=[int(i) for i in stored.ids])}
    meter = RateMeter(f"describing {count} augmented view(s) per image", len(stored.ids))
    out = []
    for n, (image, vector) in enumerate(zip(stored.ids, np.asarray(stored.vectors, np.float32), strict=True), 1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            rgb = load_rgb(rows[int(image)].abspath, extractor.max_side)
        except (UnreadableImageError, KeyError):
            continue
        for j in range(count):
            view, _ = augment(rgb, np.random.default_rng([seed, int(image), j]))
            out.append(vector - extractor.describe(view))
        if progress is not None and (n % 16 == 0 or n == len(stored.ids)):
            progress(meter.progress(n))
    return np.asarray(out, np.float32).reshape(-1, dim)


def _code_digest() -> str:
    """sha256 of the code that learns an adaptation (these modules, the whitening, the fine-tuning)."""
    from heritage_explorer.descriptors import augment, finetune, learned_whitening
    from heritage_explorer.pipeline import adapt_finetune, adapt_folds, adapt_mining

    digest = hashlib.sha256()
    for module in (learned_whitening, augment, finetune, adapt_finetune, adapt_folds, adapt_mining):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def write_dry_run(result: AdaptResult, out: str | Path) -> None:
    """The mined pairs as CSV (``.csv``) or JSON (anything else)."""
    source = result.directory / ("pairs.csv" if str(out).endswith(".csv") else "pairs.json")
    atomic_write_bytes(out, source.read_bytes())

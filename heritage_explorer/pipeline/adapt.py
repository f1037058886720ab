"""Adapting a global descriptor to the collection (issue #19): mined pairs, learned whitening.

``heritage-explorer adapt --project P --method efflite0-gem --name NAME`` learns, from the
project's own images and without labels, a method ``efflite0-gem+adapt:NAME``:

1. **Mining** (Radenović et al. TPAMI 2019 mine pairs that structure-from-motion verified;
   ArtMiner, Shen et al. CVPR 2019, pairs that pass spatial verification): each image's ``k``
   nearest neighbours by the base descriptor are verified with the project's local matching
   (:func:`..descriptors.local.verify_pair`, the code re-ranking uses). A pair is *positive* with
   at least ``min_inliers`` inliers whose bounding box covers at least ``min_spread`` of both
   images (a few inliers packed on a logo or a watermark are not a match of the scene); a *hard
   negative* is a near neighbour with fewer than ``min_inliers`` inliers. Verifications are
   cached in ``P/adapt/_verified/`` (atomic writes, keyed by the images' content hashes), so an
   interrupted or time-bounded (``minutes``) run resumes where it stopped.
2. **Learning**: learned whitening from the positive pairs
   (:class:`..descriptors.learned_whitening.LearnedWhitening`, shrunk toward the identity), the
   inter-class scatter being that of all the centred descriptors. The hard negatives are kept in
   the sample but not used: measured on rparis6k most of them are images of the same landmark
   (not true negatives). Fine-tuning of the backbone is not implemented.
3. **Supervision**: ``none`` reads neither labels nor judgments. ``labels`` adds the pairs of
   each catalog group; besides the model learned on every label it learns one model per
   class-disjoint fold, and the evaluation ranks each query with the model of its fold (the
   queries' classes never seen in training): ``evaluation_protocol`` says which protocol applies.
   ``judgments`` is refused (not implemented).

Stored in ``P/adapt/NAME/``: ``adaptation.npz`` (the whitening), ``folds/fold_<i>.npz`` for
``labels``, ``adaptation.json`` (provenance), ``pairs.csv`` / ``pairs.json`` (the mined sample).
The adapted store ``descriptors/<slug>/`` holds the base vectors transformed, and a copy of the
whitening (so a new adaptation under the same name rebuilds the index).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from heritage_explorer import __version__
from heritage_explorer.core.atomic import atomic_write_bytes, atomic_write_json, atomic_write_text
from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError, command_hint
from heritage_explorer.core.jobs import CancelToken, Progress, RateMeter
from heritage_explorer.descriptors.learned_whitening import LearnedWhitening
from heritage_explorer.descriptors.local import LocalFeatures, LocalSpec, create_matcher, verify_pair
from heritage_explorer.descriptors.method import (
    GlobalMethod,
    Method,
    MethodSpec,
    RerankMethod,
    as_descriptor,
    as_local,
    as_method,
)
from heritage_explorer.descriptors.registry import (
    ADAPT_NAME,
    MethodInfo,
    create_extractor,
    list_methods,
)
from heritage_explorer.index.exact import rank_all
from heritage_explorer.pipeline.project import Project, spec_slug
from heritage_explorer.pipeline.store import DescriptorStore

ADAPT_DIR = "adapt"
VERIFIED_DIR = "_verified"
ADAPTATION_FILE = "adaptation.npz"  # also the name of its copy beside the adapted store
PROVENANCE_FILE = "adaptation.json"
SUPERVISIONS = ("none", "labels", "judgments")
DEFAULT_LOCAL = "orb-1000"
DEFAULT_K = 10
DEFAULT_MIN_INLIERS = 15
DEFAULT_MIN_SPREAD = 0.02
MIN_IMAGES = 10
MIN_POSITIVES = 5
FOLDS = 5
LABEL_PAIRS_PER_CLASS = 2000
SAVE_EVERY = 64  # verified pairs between two writes of the cache
ProgressFn = Callable[[Progress], None] | None


@dataclass(frozen=True)
class MinedPair:
    """Two neighbours in the base descriptor space and the verdict of the local matching."""

    a: int  # image ids, a < b
    b: int
    similarity: float  # base descriptor inner product
    inliers: int
    spread: float  # the smaller of the two inlier bounding-box fractions

    def kind(self, min_inliers: int, min_spread: float) -> str:
        if self.inliers >= min_inliers:
            return "positive" if self.spread >= min_spread else "unspread"
        return "negative"


@dataclass
class MinedSample:
    base: str
    local: str
    k: int
    min_inliers: int
    min_spread: float
    images: int
    pairs: list[MinedPair] = field(default_factory=list)
    candidates: int = 0  # neighbour pairs to verify; more than len(pairs) when time ran out
    verified_now: int = 0
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return len(self.pairs) == self.candidates

    def of_kind(self, kind: str) -> list[MinedPair]:
        return [p for p in self.pairs if p.kind(self.min_inliers, self.min_spread) == kind]

    def summary(self) -> dict:
        return {"base": self.base, "local": self.local, "k": self.k, "min_inliers": self.min_inliers,
                "min_spread": self.min_spread, "images": self.images, "candidates": self.candidates,
                "verified": len(self.pairs), "verified_now": self.verified_now, "complete": self.complete,
                "positives": len(self.of_kind("positive")), "negatives": len(self.of_kind("negative")),
                "unspread": len(self.of_kind("unspread")), "seconds": round(self.seconds, 3)}

    def rows(self) -> list[dict]:
        return [{**asdict(p), "similarity": round(p.similarity, 6), "spread": round(p.spread, 6),
                 "kind": p.kind(self.min_inliers, self.min_spread)} for p in self.pairs]

    def write(self, directory: Path, catalog_paths: dict[int, str]) -> None:
        """``pairs.json`` and ``pairs.csv``: every verified pair with its inliers, spread and kind."""
        rows = [{**r, "path_a": catalog_paths.get(r["a"], ""), "path_b": catalog_paths.get(r["b"], "")}
                for r in self.rows()]
        atomic_write_json(directory / "pairs.json", {"sample": self.summary(), "pairs": rows})
        text = io.StringIO()
        columns = ["a", "b", "path_a", "path_b", "similarity", "inliers", "spread", "kind"]
        writer = csv.DictWriter(text, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        atomic_write_text(directory / "pairs.csv", text.getvalue())


@dataclass
class AdaptResult:
    spec: str
    sample: MinedSample
    supervision: str
    label_pairs: int = 0
    augmentation_pairs: int = 0
    shrinkage: float | None = None
    dry_run: bool = False
    seconds: float = 0.0
    directory: Path | None = None

    def to_json(self) -> dict:
        positives = len(self.sample.of_kind("positive"))
        return {"spec": self.spec, "pairs": positives + self.label_pairs + self.augmentation_pairs, "epochs": 0,
                "loss": [], "augmentation_pairs": self.augmentation_pairs,
                "learning": "learned-whitening", "supervision": self.supervision, "dry_run": self.dry_run,
                "label_pairs": self.label_pairs, "shrinkage": self.shrinkage, "mining": self.sample.summary(),
                "seconds": round(self.seconds, 3), "directory": str(self.directory) if self.directory else None}


# -- names and files --------------------------------------------------------------------------------
def check_name(name: str) -> str:
    if not isinstance(name, str) or not ADAPT_NAME.fullmatch(name):
        raise HeritageError(f"bad adaptation name {name!r}: use lower-case letters a-z, digits, '_' and '-', "
                            "starting with a letter or digit (e.g. paris, museum-2024)")
    return name


def default_name(project: Project) -> str:
    name = re.sub(r"[^a-z0-9_-]+", "-", project.root.name.lower()).strip("-_")
    return name if name and ADAPT_NAME.fullmatch(name) else "collection"


def adaptation_dir(project: Project, name: str) -> Path:
    return project.root / ADAPT_DIR / check_name(name)


def adapted_name(method: Method | MethodSpec) -> str | None:
    """NAME of a global method ``…+adapt:NAME`` (query expansion allowed), else None."""
    if isinstance(method, GlobalMethod):
        method = method.descriptor
    return method.adapt if isinstance(method, MethodSpec) else None


def read_provenance(project: Project, name: str) -> dict:
    path = adaptation_dir(project, name) / PROVENANCE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HeritageError(f"no adaptation {name!r} in this project ({path} is missing); run: "
                            f"{command_hint('adapt', '--project', project.root, '--method', 'efflite0-gem', '--name', name)}"
                            ) from None
    except (OSError, ValueError) as exc:
        raise HeritageError(f"{path}: unreadable adaptation provenance ({exc})") from exc


def project_adaptations(project: Project) -> list[MethodInfo]:
    """The adapted methods learned in ``project`` (``BASE+adapt:NAME``), as :func:`list_methods` lists
    methods: ``available`` when the learned whitening is there and the base method's weights are.
    A folder whose provenance is unreadable is listed as unavailable, with the reason."""
    bases = {m.spec: m for m in list_methods()}
    infos = []
    root = project.root / ADAPT_DIR
    for directory in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else ():
        if directory.name == VERIFIED_DIR or not ADAPT_NAME.fullmatch(directory.name):
            continue
        if not (directory / PROVENANCE_FILE).exists():
            continue  # a dry run: mined pairs only, nothing learned
        try:
            provenance = read_provenance(project, directory.name)
            spec, base = str(provenance["spec"]), str(provenance["base"])
            base_info = bases.get(as_descriptor(base).method)
        except (HeritageError, KeyError) as exc:
            infos.append(MethodInfo(f"?+adapt:{directory.name}", "adapted", 0, f"unreadable adaptation: {exc}",
                                    "unknown", False))
            continue
        learned = (directory / ADAPTATION_FILE).is_file()
        description = (f"{base} with learned whitening (Radenović et al. TPAMI 2019) from "
                       f"{provenance.get('positive_pairs', 0)} verified pairs"
                       + (f" + {provenance['label_pairs']} label pairs" if provenance.get("label_pairs") else "")
                       + f", supervision {provenance.get('supervision', '?')}, seed {provenance.get('seed', '?')}, "
                       f"{provenance.get('images', '?')} images, {provenance.get('created', '')}")
        weights = base_info.weights if base_info is not None else f"unknown base {base}"
        if not learned:
            weights = f"{directory / ADAPTATION_FILE} is missing; run adapt again"
        infos.append(MethodInfo(spec, "adapted", base_info.dim if base_info is not None else 0, description,
                                weights, learned and base_info is not None and base_info.available))
    return infos


def load_adaptation(project: Project, spec: MethodSpec) -> LearnedWhitening:
    """The whitening of ``…+adapt:NAME``, checked against the base method of ``spec``."""
    name = adapted_name(spec)
    if name is None:
        raise HeritageError(f"{spec} is not an adapted method (…+adapt:NAME)")
    provenance = read_provenance(project, name)
    base = as_descriptor(provenance["base"])  # read from the provenance file: an edge
    if spec.method != base.method:
        raise HeritageError(f"{spec}: adaptation {name!r} was learned on {provenance['base']}, not on {spec.method}")
    return LearnedWhitening.load(adaptation_dir(project, name) / ADAPTATION_FILE)


# -- mining -----------------------------------------------------------------------------------------
def inlier_spread(features: LocalFeatures, points: np.ndarray) -> float:
    """Fraction of the image covered by the bounding box of ``points`` (indices of keypoints)."""
    if len(points) < 2:
        return 0.0
    xy = features.keypoints[points]
    width, height = features.image_size
    box = np.ptp(xy[:, 0]) * np.ptp(xy[:, 1])
    return float(box / max(width * height, 1))


def neighbour_pairs(vectors: np.ndarray, ids: np.ndarray, k: int) -> dict[tuple[int, int], float]:
    """Unordered (id, id) pairs of each row's ``k`` nearest other rows, with their inner product."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    k = min(k, len(ids) - 1)
    order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    pairs: dict[tuple[int, int], float] = {}
    for row, neighbours in enumerate(order):
        for col in neighbours:
            a, b = sorted((int(ids[row]), int(ids[col])))
            pairs[(a, b)] = float(sims[row, col])
    return dict(sorted(pairs.items()))


class VerificationCache:
    """Verified pairs of one local spec and match configuration, keyed by the images' content hashes."""

    def __init__(self, project: Project, local_spec: str, config: dict) -> None:
        self.path = project.root / ADAPT_DIR / VERIFIED_DIR / f"{spec_slug(local_spec)}.json"
        self.header = {"local": local_spec, "config": config}
        self.entries: dict[str, list] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if {k: data.get(k) for k in self.header} == self.header:
                self.entries = dict(data.get("pairs", {}))
        except (OSError, ValueError, AttributeError):
            pass  # absent, or damaged by something other than our atomic writes: verified again

    @staticmethod
    def key(a: int, ha: str, b: int, hb: str) -> str:
        return f"{a}:{ha}|{b}:{hb}"

    def save(self) -> None:
        atomic_write_json(self.path, {**self.header, "pairs": self.entries})


def mine_pairs(project: Project, base: MethodSpec | str, *, local: LocalSpec | str = DEFAULT_LOCAL, k: int = DEFAULT_K,
               min_inliers: int = DEFAULT_MIN_INLIERS, min_spread: float = DEFAULT_MIN_SPREAD,
               minutes: float | None = None, threads: int = 2, progress: ProgressFn = None,
               cancel: CancelToken | None = None) -> MinedSample:
    """Verify each image's ``k`` nearest neighbours (base descriptor) with ``local``; reads no label.

    Needs the base descriptors and the local features extracted (:func:`adapt` extracts them).
    Stops verifying after ``minutes`` (the sample says it is incomplete; run again to go on).
    """
    from heritage_explorer.pipeline.local import current_local_features
    from heritage_explorer.pipeline.search import current_vectors

    start = time.perf_counter()
    base = as_descriptor(base, "mining pairs")
    stored = current_vectors(project, base)
    vectors, ids = np.asarray(stored.vectors, np.float32), stored.ids
    hashes = {int(i): str(h) for i, h in zip(stored.ids, stored.hashes, strict=True)}
    if len(ids) < MIN_IMAGES:
        raise HeritageError(f"adaptation needs at least {MIN_IMAGES} described images; {base} describes {len(ids)}")
    local_spec = as_local(local, "mining pairs")
    features, rows = current_local_features(project, local_spec)
    config = local_spec.match_config()
    matcher = create_matcher(local_spec)
    cache = VerificationCache(project, local_spec.spec, asdict(config))
    candidates = neighbour_pairs(vectors, ids, k)
    sample = MinedSample(base.spec, local_spec.spec, k, min_inliers, min_spread, len(ids), candidates=len(candidates))
    todo = [(a, b) for a, b in candidates
            if cache.key(a, hashes[a], b, hashes[b]) not in cache.entries and a in rows and b in rows]
    sample.candidates -= sum(1 for a, b in candidates if a not in rows or b not in rows)
    deadline = None if minutes is None else start + 60.0 * minutes
    meter = RateMeter(f"verifying neighbours with {local_spec.spec}", len(todo))

    def verify(pair: tuple[int, int]) -> list:
        if cancel is not None:
            cancel.raise_if_cancelled()
        fa, fb = features.at(rows[pair[0]]), features.at(rows[pair[1]])
        match = verify_pair(fa, fb, config, matcher=matcher)
        inl = match.inlier_matches()
        return [match.inliers, min(inlier_spread(fa, inl[:, 0]), inlier_spread(fb, inl[:, 1]))]

    done = 0
    try:
        with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="adapt-verify") as pool:
            for begin in range(0, len(todo), SAVE_EVERY):
                if deadline is not None and time.perf_counter() > deadline:
                    break
                batch = todo[begin:begin + SAVE_EVERY]
                for (a, b), result in zip(batch, pool.map(verify, batch), strict=True):
                    cache.entries[cache.key(a, hashes[a], b, hashes[b])] = result
                done += len(batch)
                cache.save()
                if progress is not None:
                    progress(meter.progress(done))
    finally:
        if done:
            cache.save()
    sample.verified_now = done
    for (a, b), similarity in candidates.items():
        entry = cache.entries.get(cache.key(a, hashes[a], b, hashes[b]))
        if entry is not None:
            sample.pairs.append(MinedPair(a, b, similarity, int(entry[0]), float(entry[1])))
    sample.seconds = time.perf_counter() - start
    return sample


# -- supervision -----------------------------------------------------------------------------------
def _labels(project: Project, ids: np.ndarray) -> dict[int, str]:
    """Catalog groups of the described images (distractors and ungrouped left out): ``labels`` only."""
    wanted = {int(i) for i in ids}
    return {row.id: row.group for row in project.catalog.images(status="ok")
            if row.id in wanted and row.group not in (None, "", DISTRACTOR)}


def label_pairs(labels: dict[int, str], classes: set[str], rng: np.random.Generator) -> list[tuple[int, int]]:
    """Pairs of images of the same class, for each class of ``classes`` (at most a seeded sample per class)."""
    members: dict[str, list[int]] = {}
    for image, label in sorted(labels.items()):
        if label in classes:
            members.setdefault(label, []).append(image)
    pairs = []
    for label in sorted(members):
        images = members[label]
        within = [(a, b) for i, a in enumerate(images) for b in images[i + 1:]]
        if len(within) > LABEL_PAIRS_PER_CLASS:
            within = [within[j] for j in np.sort(rng.choice(len(within), LABEL_PAIRS_PER_CLASS, replace=False))]
        pairs.extend(within)
    return pairs


def class_folds(classes: Sequence[str], seed: int, folds: int = FOLDS) -> list[list[str]]:
    order = np.random.default_rng(seed).permutation(sorted(classes))
    return [sorted(str(c) for c in part) for part in np.array_split(order, min(folds, len(order))) if len(part)]


# -- the whole job ------------------------------------------------------------------------------------
def adapt(project: Project, method: Method | str, *, name: str, local: LocalSpec | str = DEFAULT_LOCAL, supervision: str = "none",
          seed: int = 0, minutes: float | None = None, k: int = DEFAULT_K, min_inliers: int = DEFAULT_MIN_INLIERS,
          min_spread: float = DEFAULT_MIN_SPREAD, augment: int = 0, dry_run: bool = False, threads: int = 2,
          progress: ProgressFn = None, cancel: CancelToken | None = None) -> AdaptResult:
    """Mine, learn and store ``method+adapt:name``; with ``dry_run`` only mine and write the pairs.

    ``augment`` adds that many augmentation positives per image (:func:`augmentation_differences`).
    """
    start = time.perf_counter()
    check_name(name)
    if supervision not in SUPERVISIONS:
        raise HeritageError(f"--supervision must be one of {', '.join(SUPERVISIONS)}, not {supervision!r}")
    if supervision == "judgments":
        raise HeritageError("--supervision judgments is not implemented yet (issue #19 part 3): use none or labels")
    try:
        parsed = as_descriptor(method, "an adaptation")
    except HeritageError as exc:
        raise HeritageError(f"{method}: not a method that can be adapted ({exc})") from exc
    if parsed.kind != "global" or parsed.adapt or parsed.whitening_dim or parsed.netvlad:
        raise HeritageError(f"{method}: cannot be adapted; give a CNN global method without +pca/+pcaw/+adapt, "
                            "e.g. efflite0-gem")
    base = parsed.spec  # the canonical spelling, written to the provenance
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
    result = AdaptResult(spec, sample, supervision, dry_run=dry_run, directory=directory)
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
    augmented = augmentation_differences(project, parsed, stored, augment, seed, progress=progress, cancel=cancel)
    folds: list[list[str]] = []
    extra: list[tuple[int, int]] = []
    fold_models: list[LearnedWhitening] = []
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
            pairs = positives + [(row_of[a], row_of[b]) for a, b in label_pairs(labels, train, rng)]
            fold_models.append(LearnedWhitening().fit(vectors, pairs, positive_differences=augmented))
    if len(positives) + len(extra) + len(augmented) < MIN_POSITIVES:
        raise HeritageError(
            f"adaptation needs at least {MIN_POSITIVES} positive pairs; mining found {len(positives)} among "
            f"{len(sample.pairs)} verified neighbour pairs of {sample.images} images (≥ {min_inliers} inliers "
            f"spread over ≥ {min_spread:.0%} of both images). Try a larger --k or a lower --min-inliers")
    whitening = LearnedWhitening().fit(vectors, positives + extra, positive_differences=augmented)
    provenance = {
        "schema": "heritage-explorer/adaptation", "schema_version": 1, "name": name, "spec": spec, "base": base,
        "learning": "learned-whitening (Radenović et al. TPAMI 2019), Ledoit-Wolf shrinkage toward the identity",
        "supervision": supervision, "seed": seed, "mining": sample.summary(),
        "positive_pairs": len(positives), "label_pairs": len(extra), "augmentation_pairs": len(augmented),
        "augment_per_image": augment, "shrinkage": whitening.shrinkage_,
        "folds": folds, "epochs": 0, "loss": [], "fine_tuning": "not implemented",
        "fit_set_sha256": project.image_set_sha256([int(i) for i in stored.ids]), "images": int(len(stored.ids)),
        "code_version": __version__, "code_sha256": _code_digest(), "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    whitening.metadata = {"spec": spec, "base": base}
    whitening.save(directory / ADAPTATION_FILE)
    for old in (directory / "folds").glob("fold_*.npz"):
        old.unlink()
    for i, model in enumerate(fold_models):
        (directory / "folds").mkdir(exist_ok=True)
        model.save(directory / "folds" / f"fold_{i}.npz")
    atomic_write_json(directory / PROVENANCE_FILE, provenance)
    from heritage_explorer.pipeline.extract import extract_methods

    extract_methods(project, [spec])  # writes the adapted store (apply_adaptation)
    result.label_pairs, result.shrinkage = len(extra), whitening.shrinkage_
    result.augmentation_pairs = len(augmented)
    result.seconds = time.perf_counter() - start
    return result


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
    """sha256 of the code that learns an adaptation (this module and the whitening)."""
    from heritage_explorer.descriptors import learned_whitening

    digest = hashlib.sha256()
    from heritage_explorer.descriptors import augment

    for path in (Path(__file__), Path(learned_whitening.__file__), Path(augment.__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


# -- hooks: extraction, external images, evaluation ---------------------------------------------------
def apply_adaptation(project: Project, spec: MethodSpec, current: dict[int, str], *, storage: str | None = None
                     ) -> DescriptorStore:
    """Write the store of ``…+adapt:NAME``: the base store's vectors through the adaptation."""
    extractor = create_extractor(spec)
    whitening = load_adaptation(project, spec)
    base = DescriptorStore(project.descriptor_dir(spec.base)).load(verify=True, mmap=False)
    store = DescriptorStore(project.descriptor_dir(spec))
    dim = int(whitening.projection_.shape[0])
    store.prepare(spec=extractor.spec, dim=dim, weights_sha256=extractor.weights_sha256,
                  extra={"adaptation": adapted_name(spec)}, storage=storage)
    whitening.save(store.dir / ADAPTATION_FILE)
    store.append_chunk([int(i) for i in base.ids], whitening.transform(base.vectors), [str(h) for h in base.hashes])
    store.consolidate({int(i): str(h) for i, h in zip(base.ids, base.hashes, strict=True) if current.get(int(i)) == h})
    return store


def evaluation_protocol(project: Project, spec: Method | str) -> str:
    """How the evaluation of ``spec`` relates to what was learned from the collection."""
    method = as_method(spec)
    if isinstance(method, LocalSpec):
        return "pretrained"  # nothing learned on the collection
    first = method.first if isinstance(method, RerankMethod) else method
    name = adapted_name(first)
    if name is None:
        fitted = first.descriptor.whitening_dim or first.netvlad
        return "transductive-unsupervised" if fitted else "pretrained"
    provenance = read_provenance(project, name)
    if provenance.get("supervision") != "labels":
        return "transductive-unsupervised"
    if isinstance(method, RerankMethod) or first.expansion.active:
        return "transductive-supervised (labels seen in training: optimistic)"
    return f"class-disjoint-{len(provenance.get('folds', []))}-fold"


def fold_rankings(project: Project, method: Method | str, query_ids: Sequence[int]
                  ) -> dict[int, tuple[np.ndarray, np.ndarray]] | None:
    """(ids, scores) of a label-supervised adaptation: each query ranked with the model of the fold
    that held its class out; None for any other method (ranked as usual)."""
    method = as_method(method)
    name = adapted_name(method)
    if name is None or method.expansion.active:
        return None
    provenance = read_provenance(project, name)
    if provenance.get("supervision") != "labels":
        return None
    from heritage_explorer.pipeline.search import current_vectors

    base = current_vectors(project, method.descriptor.base)
    vectors, row_of = np.asarray(base.vectors, np.float32), base.row_of()
    labels = {row.id: row.group for row in project.catalog.images(status="ok")}
    rankings: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for i, held_out in enumerate(provenance.get("folds", [])):
        model = LearnedWhitening.load(adaptation_dir(project, name) / "folds" / f"fold_{i}.npz")
        queries = [q for q in query_ids if q in row_of and labels.get(q) in held_out]
        if not queries:
            continue
        database = model.transform(vectors)
        ranked = rank_all(database[[row_of[q] for q in queries]], database, base.ids)
        rankings.update(zip(queries, ranked, strict=True))
    return rankings


def transform_external(project: Project, spec: MethodSpec, vector: np.ndarray) -> np.ndarray:
    """The adapted descriptor of an image outside the catalog, from its base descriptor."""
    return load_adaptation(project, spec).transform(vector)


def write_dry_run(result: AdaptResult, out: str | Path) -> None:
    """The mined pairs as CSV (``.csv``) or JSON (anything else)."""
    source = result.directory / ("pairs.csv" if str(out).endswith(".csv") else "pairs.json")
    atomic_write_bytes(out, source.read_bytes())

"""``bench adapt``: adaptation to the collection (issue #19) on the shared collections.

For each collection present in ``../shared/data``, from an empty project: extraction of the base
and the local features, mining (neighbours verified by the local matching), learning; the
precision of the mined positives and the share of the hard negatives that are in fact of the
same class (the ground truth is read here, by the bench, never by the mining); the mAP of the
base (the reference, same run) and of the adapted method under three protocols:

* ``transductive``: learned without labels on the whole collection, evaluated on it (what a user
  of the app gets: nothing is labelled);
* ``held_out_halves``: learned on a seeded half of the images (pairs inside it), evaluated on the
  other half alone (its queries against its own images), and the other way round; base and
  adapted mAP on the same halves;
* ``class_disjoint_labels``: ``--supervision labels``, each query ranked with the model of the
  fold that held its class out (``evaluate``'s ``class-disjoint-5-fold``);
* ``finetune`` and ``lw+finetune`` (``--learn``): the last stages and GeM p fine-tuned on the mined
  pairs (one training, ``--learn lw+finetune``), evaluated alone (the fine-tuned vectors before the
  whitening, what ``--learn finetune`` stores) and with the learned whitening on top
  (transductive, as the first); the share of the negatives the fine-tuning may use that are in
  fact of the query's class is measured here, with the ground truth.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from heritage_explorer.descriptors.learned_whitening import LearnedWhitening
from heritage_explorer.evaluation.metrics import evaluate_rankings
from heritage_explorer.index.exact import rank_all
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.adapt import adapt, adaptation_dir
from heritage_explorer.pipeline.evaluate import evaluation_queries
from heritage_explorer.pipeline.methods import evaluate_all, extract_any
from heritage_explorer.pipeline.search import current_vectors

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
COLLECTIONS = ("rparis6k_subset_5x50", "strecha_mvs", "museum_paintings")
QUICK_COLLECTIONS = ("rparis6k_subset_5x50", "strecha_mvs")
BASE = "efflite0-gem"
LOCAL = "orb-1000"
SEED = 1


def _subset_map(ids: np.ndarray, vectors: np.ndarray, subset: set[int], labels: dict, queries: list[int]) -> float:
    keep = np.array([int(i) in subset for i in ids])
    sub_ids, sub = ids[keep], vectors[keep]
    row = {int(i): r for r, i in enumerate(sub_ids)}
    qs = [q for q in queries if q in row]
    rankings = {q: ranked for q, (ranked, _) in zip(qs, rank_all(sub[[row[q] for q in qs]], sub, sub_ids), strict=True)}
    return evaluate_rankings(rankings, {i: labels[i] for i in subset}, query_ids=qs).global_map


def held_out_halves(project, sample, seed: int = SEED) -> dict:
    """Lw learned on the mined positives inside one seeded half, evaluated on the other half."""
    stored = current_vectors(project, BASE)
    ids, vectors = stored.ids, np.asarray(stored.vectors, np.float32)
    row_of = stored.row_of()
    queries, labels = evaluation_queries(project)
    order = np.random.default_rng(seed).permutation(len(ids))
    halves = [{int(ids[r]) for r in order[: len(ids) // 2]}, {int(ids[r]) for r in order[len(ids) // 2:]}]
    positives = sample.of_kind("positive")
    out = []
    for train, test in (halves, halves[::-1]):
        pairs = [(row_of[p.a], row_of[p.b]) for p in positives if p.a in train and p.b in train]
        adapted = LearnedWhitening().fit(vectors[[row_of[i] for i in sorted(train)]],
                                         _reindex(pairs, [row_of[i] for i in sorted(train)]))
        base_map = _subset_map(ids, vectors, test, labels, queries)
        adapted_map = _subset_map(ids, adapted.transform(vectors), test, labels, queries)
        out.append({"train_pairs": len(pairs), "base_map": round(base_map, 4), "adapted_map": round(adapted_map, 4),
                    "gain": round(adapted_map - base_map, 4)})
    return {"halves": out, "mean_gain": round(float(np.mean([h["gain"] for h in out])), 4)}


def _reindex(pairs: list[tuple[int, int]], rows: list[int]) -> list[tuple[int, int]]:
    position = {r: k for k, r in enumerate(rows)}
    return [(position[a], position[b]) for a, b in pairs]


def bench_collection(name: str, report: Callable[[str], None]) -> dict:
    csv_path = SHARED_DATA / name / "groups.csv"
    if not csv_path.exists():
        return {"skipped": f"{csv_path} absent"}
    with tempfile.TemporaryDirectory(prefix="hx-adapt-") as tmp:
        project = open_project(Path(tmp) / "P", create=True)
        import_source(project, str(csv_path))
        report(f"adapt: {name}: extracting {BASE} and {LOCAL}")
        start = time.perf_counter()
        extract_any(project, [BASE, LOCAL])
        extraction_s = time.perf_counter() - start
        report(f"adapt: {name}: mining and learning")
        start = time.perf_counter()
        result = adapt(project, BASE, name="bench", local=LOCAL, seed=SEED)
        adapt_s = time.perf_counter() - start
        sample = result.sample
        groups = {row.id: row.group for row in project.catalog.images()}  # the bench's ground truth only
        same = [groups[p.a] == groups[p.b] and groups[p.a] not in (None, "distractor") for p in sample.pairs]
        kinds = [p.kind(sample.min_inliers, sample.min_spread) for p in sample.pairs]
        positives = [s for s, k in zip(same, kinds, strict=True) if k == "positive"]
        negatives = [s for s, k in zip(same, kinds, strict=True) if k == "negative"]
        adapted_spec = result.spec
        report(f"adapt: {name}: evaluating")
        maps = {s: r.global_map for s, r in evaluate_all(project, [BASE, adapted_spec]).items()}
        halves = held_out_halves(project, sample)
        report(f"adapt: {name}: --supervision labels")
        labelled = adapt(project, BASE, name="bench-labels", local=LOCAL, seed=SEED, supervision="labels")
        labels_map = evaluate_all(project, [labelled.spec])[labelled.spec].global_map
        report(f"adapt: {name}: --learn finetune, lw+finetune")
        finetune = finetune_rows(project, groups)
        return {**finetune,
            "images": sample.images,
            "extraction_s": round(extraction_s, 1),
            "adapt_s": round(adapt_s, 1),
            "mining_s": round(sample.seconds, 1),
            "verified_pairs": len(sample.pairs),
            "positives": len(positives),
            "positive_precision": round(float(np.mean(positives)), 4) if positives else None,
            "hard_negatives": len(negatives),
            "hard_negatives_same_class": round(float(np.mean(negatives)), 4) if negatives else None,
            "shrinkage": round(result.shrinkage, 4),
            "base_map": round(maps[BASE], 4),
            "transductive_map": round(maps[adapted_spec], 4),
            "transductive_gain": round(maps[adapted_spec] - maps[BASE], 4),
            "held_out_halves": halves,
            "class_disjoint_labels_map": round(labels_map, 4),
            "class_disjoint_labels_gain": round(labels_map - maps[BASE], 4),
            "label_pairs": labelled.label_pairs,
        }


def finetune_rows(project, groups: dict) -> dict:
    """``--learn lw+finetune``: the mAP of the fine-tuned vectors alone (``finetuned.npz``, before the
    whitening; what ``--learn finetune`` stores) and with Lw on top, from one training."""
    from heritage_explorer.pipeline.adapt_finetune import (
        DEFAULT_NEGATIVE_RANK,
        allowed_negatives,
        read_finetuned_vectors,
    )

    start = time.perf_counter()
    both = adapt(project, BASE, name="bench-ftlw", local=LOCAL, seed=SEED, learn="lw+finetune")
    finetune_s = time.perf_counter() - start
    both_map = evaluate_all(project, [both.spec])[both.spec].global_map
    queries, labels = evaluation_queries(project)
    ids, tuned, _ = read_finetuned_vectors(adaptation_dir(project, "bench-ftlw"))
    tuned_map = _subset_map(ids, tuned, {int(i) for i in ids}, labels, queries)
    stored = current_vectors(project, BASE)
    row_of = stored.row_of()
    positives = np.array([(row_of[p.a], row_of[p.b]) for p in both.sample.of_kind("positive")]).reshape(-1, 2)
    allowed = allowed_negatives(np.asarray(stored.vectors, np.float32), positives,
                                min(DEFAULT_NEGATIVE_RANK, len(stored.ids) // 3))
    label = [groups.get(int(i)) for i in stored.ids]
    same = [label[i] == label[j] and label[i] not in (None, "distractor") for i, j in zip(*np.nonzero(allowed),
                                                                                          strict=True)]
    return {"finetune_s": round(finetune_s, 1), "finetune_epochs": both.finetune["epochs"],
            "finetune_loss": [round(x, 4) for x in both.finetune["loss"]],
            "finetune_gem_p": round(both.finetune["gem_p"], 3), "finetune_map": round(tuned_map, 4),
            "finetune_lw_map": round(both_map, 4),
            "finetune_negatives_same_class": round(float(np.mean(same)), 4) if same else None}


def run_adapt_bench(quick: bool, report: Callable[[str], None] = lambda _: None) -> dict:
    load_before = os.getloadavg()[0]
    results: dict = {"base": BASE, "local": LOCAL, "seed": SEED, "collections": {}}
    for name in QUICK_COLLECTIONS if quick else COLLECTIONS:
        results["collections"][name] = bench_collection(name, report)
    results["cpus"] = os.cpu_count()
    results["load_average_before_after"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return results


def format_adapt_table(values: dict) -> str:
    header = ["collection", "images", "extract s", "adapt s", "pairs", "pos", "prec", "neg same-cl",
              "base mAP", "Lw mAP", "halves gain", "labels (cd) mAP", "finetune s", "ft mAP", "ft+Lw mAP",
              "ft neg same-cl"]
    rows = []
    for name, r in values["collections"].items():
        if "skipped" in r:
            rows.append([name, r["skipped"]] + [""] * (len(header) - 2))
            continue
        rows.append([name, r["images"], r["extraction_s"], r["adapt_s"], r["verified_pairs"], r["positives"],
                     r["positive_precision"], r["hard_negatives_same_class"], r["base_map"], r["transductive_map"],
                     r["held_out_halves"]["mean_gain"], r["class_disjoint_labels_map"], r["finetune_s"],
                     r["finetune_map"], r["finetune_lw_map"], r["finetune_negatives_same_class"]])
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    lines = ["  " + "  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.append(f"  {values['base']} adapted with {values['local']} pairs, seed {values['seed']}; "
                 f"{values['cpus']} CPUs, load {values['load_average_before_after'][0]} before, "
                 f"{values['load_average_before_after'][1]} after")
    return "\n".join(lines)


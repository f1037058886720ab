"""Supervised pairs and class-disjoint folds of an adaptation (issue #19, part 3).

* ``labels``: the pairs of each catalog group (distractors and ungrouped images left out); the
  classes are the groups.
* ``judgments``: the archivist's relevance judgments (``core/annotations.py``, table ``judgments``):
  ``easy``/``hard`` = relevant = a positive pair, ``wrong`` = not relevant = a negative pair,
  ``junk`` ignored. The classes are the *judged groups*: the connected components of the relevant
  judgments (the catalog's labels are not read).

Besides the model learned on every supervised pair, one model is learned per fold of the classes
(:data:`FOLDS`, seeded): the evaluation ranks each query with the model whose training never saw
its class (:func:`fold_rankings`), and :func:`evaluation_protocol` says so. ``none`` reads neither.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.learned_whitening import LearnedWhitening
from heritage_explorer.descriptors.local import LocalSpec
from heritage_explorer.descriptors.method import Method, RerankMethod, as_method
from heritage_explorer.evaluation.grouping import connected_components
from heritage_explorer.index.exact import rank_all
from heritage_explorer.pipeline.adapt_store import adaptation_dir, adapted_name, fine_tuned, read_provenance
from heritage_explorer.pipeline.project import Project

FOLDS = 5
LABEL_PAIRS_PER_CLASS = 2000
MIN_JUDGED_POSITIVES = 10  # relevant judgments among the described images
MIN_JUDGED_GROUPS = 2
RELEVANT = ("easy", "hard")
NOT_RELEVANT = ("wrong",)
SUPERVISED = ("labels", "judgments")


# -- labels ------------------------------------------------------------------------------------------
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


# -- judgments ---------------------------------------------------------------------------------------
def judged_pairs(project: Project, ids: Sequence[int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]], int]:
    """(relevant pairs, not-relevant pairs, judgments read) among the described images ``ids``;
    a pair judged both ways keeps the not-relevant verdict. ``judgments`` only."""
    wanted = {int(i) for i in ids}
    verdicts: dict[tuple[int, int], str] = {}
    read = 0
    for query, results in AnnotationStore(project.catalog).judgments().items():
        for result, label in results.items():
            read += 1
            if query not in wanted or result not in wanted or label not in RELEVANT + NOT_RELEVANT:
                continue
            pair = (min(query, result), max(query, result))
            if verdicts.get(pair) not in NOT_RELEVANT:
                verdicts[pair] = label
    positives = sorted(p for p, v in verdicts.items() if v in RELEVANT)
    negatives = sorted(p for p, v in verdicts.items() if v in NOT_RELEVANT)
    return positives, negatives, read


def judged_groups(positives: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the relevant judgments (each sorted, in order of their smallest id)."""
    return connected_components(positives)


def require_judgments(project: Project, ids: Sequence[int]) -> tuple[list, list, list[list[int]]]:
    """Relevant pairs, not-relevant pairs and judged groups, or a clear error when too few."""
    positives, negatives, read = judged_pairs(project, ids)
    groups = judged_groups(positives)
    if len(positives) < MIN_JUDGED_POSITIVES or len(groups) < MIN_JUDGED_GROUPS:
        raise HeritageError(
            f"--supervision judgments: the project has {read} relevance judgment(s); among the described images "
            f"{len(positives)} relevant (easy/hard) pair(s) in {len(groups)} judged group(s) and {len(negatives)} "
            f"not relevant (wrong); at least {MIN_JUDGED_POSITIVES} relevant pairs in at least "
            f"{MIN_JUDGED_GROUPS} groups are needed (judge search results in the app, or import them)")
    return positives, negatives, groups


def group_folds(groups: Sequence[Sequence[int]], seed: int, folds: int = FOLDS) -> list[list[int]]:
    """Folds of the judged groups (seeded), each the sorted image ids of its groups."""
    order = np.random.default_rng(seed).permutation(len(groups))
    return [sorted(i for g in part for i in groups[int(g)])
            for part in np.array_split(order, min(folds, len(order))) if len(part)]


# -- evaluation ---------------------------------------------------------------------------------------
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
    supervision = provenance.get("supervision")
    if supervision not in SUPERVISED:
        return "transductive-unsupervised"
    if isinstance(method, RerankMethod) or first.expansion.active:
        return f"transductive-supervised ({supervision} seen in training: optimistic)"
    if supervision == "judgments":
        return f"class-disjoint-{len(provenance.get('folds', []))}-fold (judged groups)"
    return f"class-disjoint-{len(provenance.get('folds', []))}-fold"


def whitening_input(project: Project, name: str, provenance: dict, base) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) the adaptation's whitening applies to: the base store, or the fine-tuned vectors."""
    if fine_tuned(provenance):
        from heritage_explorer.pipeline.adapt_finetune import read_finetuned_vectors

        ids, vectors, _ = read_finetuned_vectors(adaptation_dir(project, name))
        return ids, vectors
    from heritage_explorer.pipeline.search import current_vectors

    stored = current_vectors(project, base)
    return np.asarray(stored.ids), np.asarray(stored.vectors, np.float32)


def fold_rankings(project: Project, method: Method | str, query_ids: Sequence[int]
                  ) -> dict[int, tuple[np.ndarray, np.ndarray]] | None:
    """(ids, scores) of a supervised adaptation: each query ranked with the model of the fold that held
    its class out (for judgments, a query in no judged group with the model of every judgment: it was
    judged in none); None for any other method (ranked as usual)."""
    method = as_method(method)
    name = adapted_name(method)
    if name is None or method.expansion.active:
        return None
    provenance = read_provenance(project, name)
    supervision = provenance.get("supervision")
    if supervision not in SUPERVISED:
        return None
    ids, vectors = whitening_input(project, name, provenance, method.descriptor.base)
    row_of = {int(i): r for r, i in enumerate(ids)}
    folds = provenance.get("folds", [])
    if supervision == "labels":
        labels = {row.id: row.group for row in project.catalog.images(status="ok")}
        fold_of = {q: i for q in query_ids for i, held in enumerate(folds) if labels.get(q) in held}
    else:
        member = {int(image): i for i, held in enumerate(folds) for image in held}
        fold_of = {q: member.get(q, -1) for q in query_ids}
    rankings: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    directory = adaptation_dir(project, name)
    for i in sorted(set(fold_of.values())):
        path = directory / "folds" / f"fold_{i}.npz" if i >= 0 else directory / "adaptation.npz"
        model = LearnedWhitening.load(path)
        queries = [q for q in query_ids if q in row_of and fold_of.get(q) == i]
        if not queries:
            continue
        database = model.transform(vectors)
        rankings.update(zip(queries, rank_all(database[[row_of[q] for q in queries]], database, ids), strict=True))
    return rankings

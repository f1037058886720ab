"""Retrieval metrics: AP and mAP as in the Alegoria benchmark, precision@k, the revisited E/M/H protocol.

* **AP** (Gominski et al. 2019, §4): "for each query q, the average precision (AP) is computed on
  the sublist of results from 1 to k, k being the index of the last positive result", i.e. the
  mean of the precisions at the ranks of the positives. On a full ranking this is the
  non-interpolated AP of Chen et al. (survey, §6.2, eq. 18): ``AP = Σ_k P(k)·rel(k) / R``.
* **mAP per class** (§4): "averaging the AP over all query images from a single class".
* **Revisited protocol** (Radenović et al., *Revisiting Oxford and Paris*, CVPR 2018; cited as
  [18] in Gominski et al. §2.3): each (query, image) pair is judged easy, hard, junk or wrong;
  the Easy, Medium and Hard setups differ in which judgments are positives and which are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from heritage_explorer.core.catalog import DISTRACTOR

PRECISION_KS: tuple[int, ...] = (1, 5, 10)


def average_precision(ranked_relevant: Sequence[bool] | np.ndarray, n_positives: int | None = None) -> float:
    """AP of one ranked list of relevance flags (Gominski et al. §4; Chen et al. §6.2 eq. 18).

    ``n_positives`` is the number of positives the query has in the whole database; it defaults
    to the number of ``True`` in the list (a complete ranking). With a truncated ranking, pass the
    true count: positives that were not retrieved then count as found at no rank (precision 0).
    """
    relevant, hits, total = _relevance(ranked_relevant, n_positives)
    positions = np.flatnonzero(relevant) + 1  # 1-based ranks of the positives
    return float((np.arange(1, hits + 1) / positions).sum() / total)


def _relevance(ranked_relevant: Sequence[bool] | np.ndarray, n_positives: int | None) -> tuple[np.ndarray, int, int]:
    """The boolean ranking, the positives found in it, and the query's total positives (checked)."""
    relevant = np.asarray(ranked_relevant, dtype=bool).ravel()
    hits = int(relevant.sum())
    total = hits if n_positives is None else int(n_positives)
    if total < hits:
        raise ValueError(f"n_positives={total} is less than the {hits} positives in the ranking")
    if total == 0:
        raise ValueError("AP is undefined for a query without positives")
    return relevant, hits, total


def trapezoid_average_precision(ranked_relevant: Sequence[bool] | np.ndarray, n_positives: int | None = None) -> float:
    """AP with the trapezoidal rule of the revisitop code (Radenović et al. 2018, ``compute_ap``).

    Each positive at 0-based rank ``r`` (the ``j``-th positive, from 0) adds
    ``(P_before + P_at) / 2 / R`` with ``P_before = j / r`` (1 when ``r = 0``) and
    ``P_at = (j + 1) / (r + 1)``. It reproduces published ROxford/RParis numbers.
    """
    relevant, hits, total = _relevance(ranked_relevant, n_positives)
    ranks = np.flatnonzero(relevant).astype(float)
    found = np.arange(hits, dtype=float)
    before = np.where(ranks > 0, found / np.maximum(ranks, 1.0), 1.0)
    at = (found + 1) / (ranks + 1)
    return float(((before + at) / 2).sum() / total)


def precision_at_k(ranked_relevant: Sequence[bool] | np.ndarray, k: int) -> float:
    """Fraction of positives among the first ``k`` results (a shorter list counts as negatives)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    relevant = np.asarray(ranked_relevant, dtype=bool).ravel()
    return float(relevant[:k].sum() / k)


def revisitop_precision_at_k(ranked_relevant: Sequence[bool] | np.ndarray, k: int) -> float:
    """Precision@k of the revisitop ``compute_map`` (Radenović et al. 2018): ``|{p <= kq}| / kq``.

    ``p`` are the 1-based ranks of the positives (ignored images already removed) and
    ``kq = min(k, rank of the last positive)``: a query whose positives are all found before rank
    ``k`` is not penalised for having fewer than ``k`` of them. A ranking without any positive
    scores 0 (revisitop only sees complete rankings, where this cannot happen).
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    positions = np.flatnonzero(np.asarray(ranked_relevant, dtype=bool).ravel()) + 1
    if len(positions) == 0:
        return 0.0
    kq = min(k, int(positions[-1]))
    return float((positions <= kq).sum() / kq)


def _is_class(label: str | None) -> bool:
    return label is not None and label != "" and label != DISTRACTOR


def _clean_ranking(ranking: np.ndarray | Sequence[int], query: int, ignored: set[int]) -> np.ndarray:
    """The ranking as int64 ids without the query itself and without ignored ids; rejects duplicates."""
    ids = np.asarray(ranking, dtype=np.int64).ravel()
    if len(np.unique(ids)) != len(ids):
        raise ValueError(f"the ranking of query {query} lists some image more than once")
    drop = ids == query
    if ignored:
        drop |= np.isin(ids, np.fromiter(ignored, dtype=np.int64, count=len(ignored)))
    return ids[~drop]


def _flags(ids: np.ndarray, members: set[int]) -> np.ndarray:
    if not members:
        return np.zeros(len(ids), dtype=bool)
    return np.isin(ids, np.fromiter(members, dtype=np.int64, count=len(members)))


@dataclass(frozen=True)
class EvaluationResult:
    """Per-query AP, per-class mAP, global mAP and mean precision@k of one method.

    ``global_map`` is the mean AP over all evaluated queries (Chen et al. §6.2 eq. 19), so large
    classes weigh more; :attr:`mean_class_map` is the class-balanced alternative (mean of
    ``per_class``). ``excluded`` lists the queries left out, with the reason: no class, the only
    image of its class (no positive to find), or no ranking (e.g. an image without a descriptor).
    """

    per_query: dict[int, float]
    query_class: dict[int, str]
    per_class: dict[str, float]
    global_map: float
    precision_at: dict[int, float]
    excluded: dict[int, str] = field(default_factory=dict)

    @property
    def n_queries(self) -> int:
        return len(self.per_query)

    @property
    def mean_class_map(self) -> float:
        return float(np.mean(list(self.per_class.values()))) if self.per_class else math.nan

    def class_sizes(self) -> dict[str, int]:
        """Number of evaluated queries per class."""
        sizes: dict[str, int] = {}
        for cls in self.query_class.values():
            sizes[cls] = sizes.get(cls, 0) + 1
        return sizes

    def to_json(self) -> dict:
        return {
            "global_map": finite_or_none(self.global_map),
            "mean_class_map": finite_or_none(self.mean_class_map),
            "per_class": {c: finite_or_none(v) for c, v in self.per_class.items()},
            "precision_at": {str(k): finite_or_none(v) for k, v in self.precision_at.items()},
            "per_query": {str(q): {"ap": ap, "class": self.query_class[q]} for q, ap in self.per_query.items()},
            "excluded": {str(q): why for q, why in self.excluded.items()},
        }


def finite_or_none(value: float | None) -> float | None:
    """``value`` as a float, or None where it is missing or not finite (JSON has no NaN)."""
    return None if value is None or not math.isfinite(value) else float(value)


def evaluate_rankings(
    rankings: Mapping[int, np.ndarray],
    labels: Mapping[int, str | None],
    *,
    query_ids: Iterable[int] | None = None,
    junk: Mapping[int, set[int]] | None = None,
) -> EvaluationResult:
    """AP of every query, mAP per class and overall (Gominski et al. §4).

    ``rankings[q]`` ranks database image ids for query ``q`` (best first); the query itself is
    removed from its own ranking, and so are the ids in ``junk[q]`` (ignored, neither positive
    nor negative). ``labels`` defines the database classes: the positives of ``q`` are the other
    images with its label, counted from ``labels`` (so a truncated ranking is penalised for the
    positives it misses). ``None``, ``""`` and ``"distractor"`` are never positive; ids absent
    from ``labels`` are negatives. ``query_ids`` defaults to the keys of ``rankings``.
    """
    junk = junk or {}
    members: dict[str, set[int]] = {}
    for image_id, label in labels.items():
        if _is_class(label):
            members.setdefault(label, set()).add(int(image_id))
    per_query: dict[int, float] = {}
    query_class: dict[int, str] = {}
    excluded: dict[int, str] = {}
    precisions: dict[int, list[float]] = {k: [] for k in PRECISION_KS}
    for query in (rankings.keys() if query_ids is None else query_ids):
        query = int(query)
        label = labels.get(query)
        ignored = {int(i) for i in junk.get(query, ())}
        if not _is_class(label):
            excluded[query] = "no class"
            continue
        positives = members[label] - ignored - {query}
        if not positives:
            excluded[query] = "no other image of its class"
            continue
        if query not in rankings:
            excluded[query] = "no ranking"
            continue
        relevant = _flags(_clean_ranking(rankings[query], query, ignored), positives)
        per_query[query] = average_precision(relevant, len(positives))
        query_class[query] = label
        for k in PRECISION_KS:
            precisions[k].append(precision_at_k(relevant, k))
    by_class: dict[str, list[float]] = {}
    for query, ap in per_query.items():
        by_class.setdefault(query_class[query], []).append(ap)
    return EvaluationResult(
        per_query=per_query,
        query_class=query_class,
        per_class={c: float(np.mean(v)) for c, v in sorted(by_class.items())},
        global_map=float(np.mean(list(per_query.values()))) if per_query else math.nan,
        precision_at={k: float(np.mean(v)) if v else math.nan for k, v in precisions.items()},
        excluded=excluded,
    )


# -- revisited Oxford/Paris protocol ---------------------------------------------------------------
# setup -> (labels that are positives, labels that are ignored); everything else is a negative.
REVISITED_SETUPS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "easy": (frozenset({"easy"}), frozenset({"hard", "junk"})),
    "medium": (frozenset({"easy", "hard"}), frozenset({"junk"})),
    "hard": (frozenset({"hard"}), frozenset({"easy", "junk"})),
}


@dataclass(frozen=True)
class RevisitedResult:
    """Per-setup (easy/medium/hard) AP per query, mAP, mean precision@k and the queries left out."""

    per_query: dict[str, dict[int, float]]
    map: dict[str, float]
    precision_at: dict[str, dict[int, float]]
    excluded: dict[str, list[int]]  # setup -> queries without any positive in that setup

    def to_json(self) -> dict:
        return {
            setup: {
                "map": finite_or_none(self.map[setup]),
                "precision_at": {str(k): finite_or_none(v) for k, v in self.precision_at[setup].items()},
                "per_query": {str(q): ap for q, ap in self.per_query[setup].items()},
                "excluded": self.excluded[setup],
            }
            for setup in REVISITED_SETUPS
        }


def revisited_evaluation(
    rankings: Mapping[int, np.ndarray],
    judgments: Mapping[int, Mapping[int, str]],
    *,
    query_ids: Iterable[int] | None = None,
    interpolation: str = "trapezoid",
) -> RevisitedResult:
    """Easy / Medium / Hard evaluation of Radenović et al. (CVPR 2018, §3 "Evaluation protocol").

    ``judgments[q][i]`` is ``easy``, ``hard``, ``junk`` or ``wrong``; unjudged images are
    negatives. Easy: easy positives, hard and junk ignored; Medium: easy and hard positives, junk
    ignored; Hard: hard positives, easy and junk ignored. Ignored images are removed from the
    ranking before AP is computed; queries without positives in a setup are excluded from its
    mean. ``interpolation="trapezoid"`` uses the revisitop AP (comparable with published
    numbers), ``"step"`` the Alegoria AP of :func:`average_precision`. Precision@k is revisitop's
    (:func:`revisitop_precision_at_k`) in both cases. ``query_ids`` defaults to the judged queries
    that have a ranking.
    """
    ap_function = {"trapezoid": trapezoid_average_precision, "step": average_precision}.get(interpolation)
    if ap_function is None:
        raise ValueError(f"interpolation must be 'trapezoid' or 'step', not {interpolation!r}")
    queries = [int(q) for q in (query_ids if query_ids is not None else judgments) if int(q) in rankings]
    per_query: dict[str, dict[int, float]] = {s: {} for s in REVISITED_SETUPS}
    precisions: dict[str, dict[int, list[float]]] = {s: {k: [] for k in PRECISION_KS} for s in REVISITED_SETUPS}
    excluded: dict[str, list[int]] = {s: [] for s in REVISITED_SETUPS}
    for query in queries:
        judged = {int(i): label for i, label in judgments.get(query, {}).items()}
        for setup, (positive_labels, ignored_labels) in REVISITED_SETUPS.items():
            positives = {i for i, label in judged.items() if label in positive_labels} - {query}
            if not positives:
                excluded[setup].append(query)
                continue
            ignored = {i for i, label in judged.items() if label in ignored_labels}
            relevant = _flags(_clean_ranking(rankings[query], query, ignored), positives)
            per_query[setup][query] = ap_function(relevant, len(positives))
            for k in PRECISION_KS:
                precisions[setup][k].append(revisitop_precision_at_k(relevant, k))
    return RevisitedResult(
        per_query=per_query,
        map={s: float(np.mean(list(v.values()))) if v else math.nan for s, v in per_query.items()},
        precision_at={s: {k: float(np.mean(v)) if v else math.nan for k, v in p.items()} for s, p in precisions.items()},
        excluded=excluded,
    )


def revisited_map(
    rankings: Mapping[int, np.ndarray], judgments: Mapping[int, Mapping[int, str]], **options
) -> dict[str, float]:
    """``{"easy": mAP, "medium": mAP, "hard": mAP}``; see :func:`revisited_evaluation` for the options."""
    return revisited_evaluation(rankings, judgments, **options).map

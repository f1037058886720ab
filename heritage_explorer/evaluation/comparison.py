"""Per-query comparison of two methods: which queries each one answers better, and by how much.

A mAP difference hides whether a method is better on most queries or much better on a few;
comparing the AP of every query (Gominski et al. 2019, §4: AP per query, before averaging)
shows it, and the pairs (AP under A, AP under B) are the data of an A-versus-B scatter plot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from heritage_explorer.evaluation.metrics import EvaluationResult

DEFAULT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class QueryDifference:
    """One query's AP under both methods; ``difference`` = AP(A) − AP(B)."""

    query_id: int
    query_class: str
    ap_a: float
    ap_b: float

    @property
    def difference(self) -> float:
        return self.ap_a - self.ap_b

    def to_json(self) -> dict:
        return {"query": self.query_id, "class": self.query_class, "ap_a": self.ap_a, "ap_b": self.ap_b,
                "difference": self.difference}


@dataclass(frozen=True)
class QueryComparison:
    """AP of the queries both methods evaluated, with wins, ties and the largest differences.

    A query is a tie when its two APs differ by at most ``tolerance``. ``only_a`` / ``only_b``
    are queries only one method evaluated (e.g. an image one extractor could not describe).
    """

    method_a: str
    method_b: str
    queries: tuple[QueryDifference, ...]
    tolerance: float = DEFAULT_TOLERANCE
    only_a: tuple[int, ...] = ()
    only_b: tuple[int, ...] = ()

    @property
    def differences(self) -> np.ndarray:
        return np.array([q.difference for q in self.queries], dtype=float)

    @property
    def wins_a(self) -> int:
        return int((self.differences > self.tolerance).sum())

    @property
    def wins_b(self) -> int:
        return int((self.differences < -self.tolerance).sum())

    @property
    def ties(self) -> int:
        return len(self.queries) - self.wins_a - self.wins_b

    @property
    def mean_difference(self) -> float:
        """Mean of AP(A) − AP(B) over the common queries (= the difference of their mAPs)."""
        return float(self.differences.mean()) if self.queries else math.nan

    @property
    def sign_test_p(self) -> float:
        """Two-sided exact sign test on wins (ties dropped): how surprising the split is if A ≡ B."""
        n, k = self.wins_a + self.wins_b, min(self.wins_a, self.wins_b)
        if n == 0:
            return 1.0
        # log C(n, i) − n log 2, summed in log space: exact enough, and no overflow for large n
        logs = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) - n * math.log(2) for i in range(k + 1)]
        top = max(logs)
        tail = math.exp(top) * sum(math.exp(v - top) for v in logs)
        return min(1.0, 2.0 * tail)

    def largest_differences(self, n: int = 10) -> list[QueryDifference]:
        """The ``n`` queries where the methods differ most (by |ΔAP|, then query id)."""
        return sorted(self.queries, key=lambda q: (-abs(q.difference), q.query_id))[:n]

    def per_class(self) -> dict[str, tuple[int, int, int]]:
        """Class -> (queries A wins, queries B wins, ties)."""
        out: dict[str, list[int]] = {}
        for q in self.queries:
            counts = out.setdefault(q.query_class, [0, 0, 0])
            counts[0 if q.difference > self.tolerance else 1 if q.difference < -self.tolerance else 2] += 1
        return {c: (v[0], v[1], v[2]) for c, v in sorted(out.items())}

    def summary(self) -> str:
        text = (f"{self.method_a} better on {self.wins_a} queries, {self.method_b} on {self.wins_b}, "
                f"{self.ties} ties (|ΔAP| ≤ {self.tolerance:g}); mean ΔAP {self.mean_difference:+.4f}, "
                f"sign test p = {self.sign_test_p:.3g}")
        if self.only_a or self.only_b:
            text += f"; {len(self.only_a)} queries only in {self.method_a}, {len(self.only_b)} only in {self.method_b}"
        return text

    def to_json(self, top: int = 20) -> dict:
        return {
            "method_a": self.method_a,
            "method_b": self.method_b,
            "summary": {
                "queries": len(self.queries), "wins_a": self.wins_a, "wins_b": self.wins_b, "ties": self.ties,
                "tolerance": self.tolerance,
                "mean_difference": None if not self.queries else self.mean_difference,
                "sign_test_p": self.sign_test_p,
                "only_a": list(self.only_a), "only_b": list(self.only_b),
            },
            "per_class": {c: {"wins_a": a, "wins_b": b, "ties": t} for c, (a, b, t) in self.per_class().items()},
            "largest_differences": [q.to_json() for q in self.largest_differences(top)],
            "queries": [q.to_json() for q in self.queries],
        }


def compare_per_query(
    a: EvaluationResult,
    b: EvaluationResult,
    *,
    names: tuple[str, str] = ("A", "B"),
    tolerance: float = DEFAULT_TOLERANCE,
) -> QueryComparison:
    """Pair the per-query APs of two evaluations of the same queries (in query id order)."""
    if tolerance < 0:
        raise ValueError("tolerance must be non-negative")
    common = sorted(set(a.per_query) & set(b.per_query))
    return QueryComparison(
        method_a=names[0],
        method_b=names[1],
        queries=tuple(QueryDifference(q, a.query_class[q], a.per_query[q], b.per_query[q]) for q in common),
        tolerance=tolerance,
        only_a=tuple(sorted(set(a.per_query) - set(b.per_query))),
        only_b=tuple(sorted(set(b.per_query) - set(a.per_query))),
    )

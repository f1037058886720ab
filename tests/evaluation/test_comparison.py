"""Per-query comparison of two methods: wins, ties, largest differences, sign test."""

from __future__ import annotations

import pytest

from heritage_explorer.evaluation.comparison import compare_per_query
from heritage_explorer.evaluation.metrics import EvaluationResult


def result(aps: dict[int, float], classes: dict[int, str]) -> EvaluationResult:
    return EvaluationResult(aps, {q: classes[q] for q in aps}, {}, sum(aps.values()) / len(aps), {})


CLASSES = {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"}


def test_summary_counts_and_largest_differences():
    a = result({1: 1.0, 2: 0.5, 3: 0.2, 4: 0.7}, CLASSES)
    b = result({1: 0.5, 2: 0.5, 3: 0.9, 5: 0.1}, CLASSES)
    comparison = compare_per_query(a, b, names=("GeM", "MAC"))
    assert (comparison.wins_a, comparison.wins_b, comparison.ties) == (1, 1, 1)
    assert comparison.only_a == (4,) and comparison.only_b == (5,)
    assert [q.query_id for q in comparison.largest_differences(2)] == [3, 1]
    assert comparison.largest_differences(1)[0].difference == pytest.approx(-0.7)
    assert comparison.mean_difference == pytest.approx((0.5 + 0 - 0.7) / 3)
    assert comparison.per_class() == {"x": (1, 0, 1), "y": (0, 1, 0)}
    assert comparison.sign_test_p == 1.0  # 1 win each: nothing to conclude
    summary = comparison.summary()
    assert summary.startswith("GeM better on 1 queries, MAC on 1, 1 ties")
    assert "1 queries only in GeM, 1 only in MAC" in summary


def test_sign_test_and_tolerance():
    a = result({q: 0.9 for q in range(1, 6)}, {q: "x" for q in range(1, 6)})
    b = result({q: 0.5 for q in range(1, 6)}, {q: "x" for q in range(1, 6)})
    comparison = compare_per_query(a, b)
    assert comparison.wins_a == 5 and comparison.sign_test_p == pytest.approx(2 / 32)
    assert compare_per_query(a, b, tolerance=0.5).ties == 5


def test_json_shape_for_the_scatter():
    a = result({1: 1.0, 3: 0.2}, CLASSES)
    b = result({1: 0.5, 3: 0.9}, CLASSES)
    payload = compare_per_query(a, b).to_json(top=1)
    assert payload["summary"]["wins_a"] == 1 and payload["summary"]["wins_b"] == 1
    assert payload["queries"] == [
        {"query": 1, "class": "x", "ap_a": 1.0, "ap_b": 0.5, "difference": 0.5},
        {"query": 3, "class": "y", "ap_a": 0.2, "ap_b": 0.9, "difference": pytest.approx(-0.7)},
    ]
    assert [q["query"] for q in payload["largest_differences"]] == [3]

"""Pearson correlation (Table 1) incl. constant columns, and the grayscale table (Table 2)."""

from __future__ import annotations

import math

import pytest

from heritage_explorer.evaluation.variations import (
    OVERALL,
    VARIATIONS,
    correlation_table,
    format_grayscale_table,
    grayscale_json,
    pearson,
)


def test_pearson_hand_computed():
    # x = 1 2 3, y = 2 4 7: Σdxdy = 5, Σdx² = 2, Σdy² = 114/9
    assert pearson([1, 2, 3], [2, 4, 7]) == pytest.approx(5 / math.sqrt(2 * 114 / 9))
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_pearson_undefined_cases_are_nan():
    assert math.isnan(pearson([2, 2, 2], [0.1, 0.5, 0.3]))  # constant variation column
    assert math.isnan(pearson([0, 1, 2], [0.4, 0.4, 0.4]))  # constant mAP column
    assert math.isnan(pearson([1], [0.5]))
    with pytest.raises(ValueError):
        pearson([1, 2], [1, 2, 3])


def test_pearson_drops_pairs_with_nan():
    assert pearson([1, 2, 3, 9], [2, 4, 7, math.nan]) == pytest.approx(pearson([1, 2, 3], [2, 4, 7]))


def _scores(values: dict[str, int]) -> dict[str, int]:
    return {v: values.get(v, 0) for v in VARIATIONS}


def test_correlation_table_with_constant_columns():
    scores = {"a": _scores({"Scale": 3, "Color": 1}), "b": _scores({"Scale": 1, "Color": 1}),
              "c": _scores({"Scale": 0, "Color": 1})}
    maps = {"a": {"M1": 0.2, "M2": 0.5}, "b": {"M1": 0.5, "M2": 0.5}, "c": {"M1": 0.6, "M2": 0.5}}
    table = correlation_table(scores, maps, ["M1", "M2"])
    assert table.rows == (*VARIATIONS, OVERALL) and table.n_classes == 3
    assert table.values["Scale"]["M1"] == pytest.approx(pearson([3, 1, 0], [0.2, 0.5, 0.6]))
    assert table.values[OVERALL]["M1"] == pytest.approx(pearson([4, 2, 1], [0.2, 0.5, 0.6]))  # sum of scores
    assert math.isnan(table.values["Color"]["M1"]) and math.isnan(table.values["Scale"]["M2"])
    as_json = table.to_json()["correlation"]
    assert as_json["Color"]["M1"] is None and as_json["Scale"]["M2"] is None
    assert as_json["Scale"]["M1"] == pytest.approx(table.values["Scale"]["M1"], abs=1e-6)
    text = table.to_text()
    assert "Color" in text and "–" in text
    assert table.to_csv().splitlines()[4] == "Color,,"


def test_correlation_with_given_overall():
    scores = {c: _scores({"Scale": s}) for c, s in zip("abc", [0, 1, 2], strict=True)}
    maps = {c: {"M": m} for c, m in zip("abc", [0.3, 0.2, 0.4], strict=True)}
    table = correlation_table(scores, maps, ["M"], overall={"a": 9, "b": 5, "c": 1})
    assert table.values[OVERALL]["M"] == pytest.approx(pearson([9, 5, 1], [0.3, 0.2, 0.4]))


def test_grayscale_table_and_json():
    original = {"DELF": 0.402, "GeM": 0.277, "RMAC": 0.294}  # Table 2 of the paper
    gray = {"DELF": 0.421, "GeM": 0.282, "RMAC": 0.299}
    text = format_grayscale_table(original, gray)
    lines = text.splitlines()
    assert lines[0].split() == ["Global", "mAP", "DELF", "GeM", "RMAC"]
    assert lines[2].split()[-3:] == ["0.402", "0.277", "0.294"]
    assert lines[3].startswith("Grayscale only") and lines[4].split()[-3:] == ["+0.019", "+0.005", "+0.005"]
    payload = grayscale_json(original, gray)["global_map"]
    assert payload["difference"]["DELF"] == pytest.approx(0.019)
    assert set(payload) == {"original", "grayscale", "difference"}


def test_grayscale_table_with_a_missing_method():
    text = format_grayscale_table({"A": 0.5, "B": math.nan}, {"A": 0.6})
    assert text.splitlines()[2].split()[-1] == "–"
    assert grayscale_json({"A": 0.5, "B": math.nan}, {"A": 0.6})["global_map"]["difference"] == {
        "A": pytest.approx(0.1), "B": None}

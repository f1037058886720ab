"""The paper's Table 3 as data: reading, Table 1 recomputed, renderers, and ``analyze --table``."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

from heritage_explorer.cli import main
from heritage_explorer.core.errors import SourceFormatError
from heritage_explorer.evaluation.metrics import EvaluationResult
from heritage_explorer.evaluation.tables import RANK_COLOURS, build_class_table, read_results_csv
from heritage_explorer.evaluation.variations import OVERALL, VARIATIONS

FIXTURE = Path(__file__).parent / "fixtures" / "alegoria_table3.csv"
REPO = Path(__file__).resolve().parents[2]
METHODS = ["DELF", "ORB", "NetVLAD", "GeM", "MAC", "RMAC", "SPoC"]
# Table 1, row "Overall difficulty" (Gominski et al. 2019).
PAPER_OVERALL = {"DELF": -0.42, "ORB": -0.31, "NetVLAD": -0.41, "GeM": -0.62, "MAC": -0.64, "RMAC": -0.62,
                 "SPoC": -0.58}


def direct_pearson(xs: list[float], ys: list[float]) -> float:
    """r = (nΣxy − ΣxΣy) / sqrt((nΣx² − (Σx)²)(nΣy² − (Σy)²)), independent of the code under test."""
    n = len(xs)
    sx, sy = sum(xs), sum(ys)
    sxy = sum(x * y for x, y in zip(xs, ys, strict=True))
    sxx, syy = sum(x * x for x in xs), sum(y * y for y in ys)
    return (n * sxy - sx * sy) / math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy))


def raw_rows() -> list[dict[str, str]]:
    with FIXTURE.open() as fh:
        return list(csv.DictReader(fh))


def test_fixture_reads_as_the_paper_table():
    table = read_results_csv(FIXTURE)
    assert table.methods == tuple(METHODS)
    assert len(table.rows) == 39 and sum(r.count for r in table.rows) == 681  # §2.1: 681 labelled images
    first = table.rows[0]
    assert first.maps["GeM"] == 0.513 and first.scores["Scale"] == 3 and first.overall == 18
    assert table.rows[6].top_methods() == ["RMAC", "DELF", "GeM"]  # class 7: aerial images, RMAC best (§4.2.1)


def test_printed_overall_equals_the_sum_and_printed_avg_does_not_always():
    table = read_results_csv(FIXTURE)
    assert table.overall_mismatches() == []
    assert [n for n in table.notes if "Avg" in n] == [
        "class 1: the Avg column says 0.210, the mean of its methods is 0.315",
        "class 32: the Avg column says 0.111, the mean of its methods is 0.153",
    ]


def test_correlation_matches_a_direct_formula():
    rows = raw_rows()
    correlation = read_results_csv(FIXTURE).correlation()
    for variation in VARIATIONS:
        for method in METHODS:
            expected = direct_pearson([float(r[variation]) for r in rows], [float(r[method]) for r in rows])
            assert correlation.values[variation][method] == pytest.approx(expected, abs=1e-9)
    overall = [float(sum(int(r[v]) for v in VARIATIONS)) for r in rows]
    for method in METHODS:
        expected = direct_pearson(overall, [float(r[method]) for r in rows])
        assert correlation.values[OVERALL][method] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("overall", ["sum", "column"])
def test_overall_difficulty_row_matches_table_1(overall):
    correlation = read_results_csv(FIXTURE).correlation(overall=overall)
    for method in ("DELF", "GeM", "MAC", "RMAC", "SPoC"):
        assert correlation.values[OVERALL][method] == pytest.approx(PAPER_OVERALL[method], abs=0.02), method


def test_shipped_example_is_the_fixture():
    assert (REPO / "resources" / "examples" / "alegoria_table3.csv").read_text() == FIXTURE.read_text()


def test_renderers_mark_the_top_three():
    table = read_results_csv(FIXTURE)
    html = table.to_html()
    assert html.count(f"background:{RANK_COLOURS[0]}") == 39  # one best method per class
    assert html.count(f"background:{RANK_COLOURS[2]}") == 39
    text = table.to_text().splitlines()
    assert "0.822¹" in text[2 + 6] and "0.729²" in text[2 + 6]
    payload = table.to_json()
    assert payload["classes"][6]["top"] == ["RMAC", "DELF", "GeM"]
    assert payload["classes"][0]["overall_difficulty"] == 18


def test_csv_output_reads_back(tmp_path: Path):
    table = read_results_csv(FIXTURE)
    out = tmp_path / "out.csv"
    out.write_text(table.to_csv())
    again = read_results_csv(out)
    assert again.methods == table.methods
    assert [r.maps for r in again.rows] == [r.maps for r in table.rows]
    assert [r.scores for r in again.rows] == [r.scores for r in table.rows]
    assert again.notes == ()  # the written Avg is the recomputed mean


def test_build_class_table_from_results():
    a = EvaluationResult({1: 1.0, 2: 0.5, 3: 0.2}, {1: "x", 2: "x", 3: "y"}, {"x": 0.75, "y": 0.2}, 0.5667, {})
    b = EvaluationResult({1: 0.5, 3: 0.4}, {1: "x", 3: "y"}, {"x": 0.5, "y": 0.4}, 0.45, {})
    scores = {"x": {v: 1 for v in VARIATIONS}}
    table = build_class_table({"A": a, "B": b}, scores)
    x, y = table.rows
    assert (x.name, x.count, x.maps, x.overall) == ("x", 2, {"A": 0.75, "B": 0.5}, 11)
    assert y.scores is None and y.average == pytest.approx(0.3) and y.top_methods() == ["B", "A"]
    assert [r.name for r in table.annotated_rows] == ["x"]


def test_cli_analyze_table(tmp_path: Path, capsys):
    out = tmp_path / "corr.json"
    assert main(["analyze", "--table", str(FIXTURE), "--json", str(out), "--csv", str(tmp_path / "c.csv")]) == 0
    payload = json.loads(out.read_text())
    assert list(payload["correlation"]) == [*VARIATIONS, OVERALL]
    assert payload["correlation"][OVERALL]["MAC"] == pytest.approx(-0.64, abs=0.01)
    assert payload["overall"] == "sum" and payload["n_classes"] == 39
    captured = capsys.readouterr()
    assert "Overall difficulty" in captured.out and "class 32: the Avg column" in captured.err
    assert (tmp_path / "c.csv").read_text().startswith("variation,DELF,ORB")


def test_cli_analyze_constant_column_is_null(tmp_path: Path, capsys):
    table = tmp_path / "t.csv"
    header = "class,count,M1,M2," + ",".join(f'"{v}"' for v in VARIATIONS)
    lines = [header]
    for name, m1, scale in (("a", 0.2, 3), ("b", 0.5, 1), ("c", 0.7, 0)):
        lines.append(f"{name},10,{m1},0.4,{scale}," + ",".join(["0"] * 10))
    table.write_text("\n".join(lines) + "\n")
    assert main(["analyze", "--table", str(table), "--json", "-"]) == 0
    captured = capsys.readouterr()
    payload = json.loads(captured.out)  # the text table went to stderr
    assert "Overall difficulty" in captured.err
    assert payload["correlation"]["Occlusion"]["M1"] is None
    assert payload["correlation"]["Scale"]["M2"] is None
    assert payload["correlation"]["Scale"]["M1"] == pytest.approx(direct_pearson([3, 1, 0], [0.2, 0.5, 0.7]), abs=1e-6)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("count,M\n3,0.5\n", "no 'class' column"),
        ("class,M,Scale\na,0.5,1\n", "variation columns missing"),
        ("class,M\na,1.5\n", "line 2: mAP of M must be between 0 and 1"),
        ("class,M," + ",".join(VARIATIONS) + "\na,0.5,4" + ",0" * 10 + "\n", "line 2: score for Scale"),
        ("class,count,Avg\na,3,0.5\n", "no method column"),
        ("class,M\na,0.1\na,0.2\n", "appears twice"),
    ],
)
def test_bad_tables_are_rejected_clearly(tmp_path: Path, content, message, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(SourceFormatError, match=message):
        read_results_csv(path)
    assert main(["analyze", "--table", str(path)]) == 2
    assert message.split(":")[-1].strip()[:20] in capsys.readouterr().err

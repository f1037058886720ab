"""write_report: files, inline figures, no NaN in JSON, atomic outputs."""

from __future__ import annotations

import json
import math
from pathlib import Path

from heritage_explorer.evaluation.comparison import QueryComparison, QueryDifference
from heritage_explorer.evaluation.reports import PNG_SCATTER_ABOVE, make_provenance, write_report
from heritage_explorer.evaluation.tables import ClassResultsTable, ClassRow, read_results_csv

FIXTURE = Path(__file__).parent / "fixtures" / "alegoria_table3.csv"


def test_report_of_the_paper_table(tmp_path: Path):
    table = read_results_csv(FIXTURE)
    files = write_report(tmp_path, table=table, provenance=make_provenance(list(table.methods)),
                         correlation=table.correlation())
    html = files.html.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 1
    assert "class 32: the Avg column says 0.111" in html  # the table's notes are shown
    assert "<metadata>" not in html  # no creation date inside the figures
    assert 'src="http' not in html and 'href="http' not in html and "<link" not in html  # self-contained
    payload = json.loads(files.json.read_text())
    assert payload["correlation"]["Overall difficulty"]["GeM"] < -0.6
    assert files.correlation_csv.read_text().splitlines()[0] == "variation,DELF,ORB,NetVLAD,GeM,MAC,RMAC,SPoC"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["correlation.csv", "report.html", "report.json",
                                                          "results.csv"]  # no temp files left


def test_unannotated_table_with_missing_values_and_a_large_scatter(tmp_path: Path):
    table = ClassResultsTable(("A", "B"), (ClassRow("x", 3, {"A": 0.5, "B": math.nan}),))
    queries = tuple(QueryDifference(i, "x", (i % 7) / 7, (i % 5) / 5) for i in range(PNG_SCATTER_ABOVE + 1))
    comparison = QueryComparison("A", "B", queries)
    files = write_report(tmp_path, table=table, provenance={"specs": ["A", "B"]}, comparisons=[comparison])
    html = files.html.read_text()
    assert "data:image/png;base64," in html and "<svg" not in html  # many points: a PNG, not SVG
    assert "No class has variation annotations" in html
    payload = json.loads(files.json.read_text())  # strict JSON: NaN became null
    assert payload["results"]["classes"][0]["map"] == {"A": 0.5, "B": None}
    assert files.correlation_csv is None and payload["correlation"] is None

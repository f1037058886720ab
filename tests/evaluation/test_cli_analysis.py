"""The analysis commands on a small synthetic project (real catalog, real ``colorhist`` descriptors).

``compare`` and the two-method report use fabricated per-query APs (``evaluate_all`` patched)
so that the expected wins and differences are known exactly.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import heritage_explorer.pipeline as pipeline
import heritage_explorer.pipeline.methods as methods
from heritage_explorer import __version__
from heritage_explorer.cli import main
from heritage_explorer.core.annotations import VARIATIONS
from heritage_explorer.evaluation.metrics import EvaluationResult

CLASSES = {"red": (200, 30, 30), "green": (30, 170, 40), "blue": (30, 40, 200)}
DIFFICULTY = ["", "easy", "hard", "junk"]
A, B = "colorhist", "efflite0-gem"  # real spec strings (the project validates them); APs are fabricated


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("collection")
    (root / "images").mkdir()
    rng = np.random.default_rng(0)
    lines = ["path,group,query,difficulty"]
    for name, colour in CLASSES.items():
        for i in range(4):
            pixels = np.clip(rng.normal(colour, 25, size=(48, 64, 3)), 0, 255).astype(np.uint8)
            Image.fromarray(pixels).save(root / "images" / f"{name}{i}.jpg", quality=90)
            lines.append(f"images/{name}{i}.jpg,{name},1,{DIFFICULTY[i]}")
    Image.fromarray(np.full((48, 64, 3), 128, np.uint8)).save(root / "images" / "grey.jpg")
    lines.append("images/grey.jpg,distractor,0,")
    (root / "groups.csv").write_text("\n".join(lines) + "\n")
    project = root / "P"
    assert main(["import", "--project", str(project), str(root / "groups.csv")]) == 0
    annotations = root / "annotations.csv"
    header = "class,reference," + ",".join(VARIATIONS)
    annotations.write_text(f"{header}\nred,images/red1.jpg,3,2,1,0,0,0,0,0,0,0,0\n"
                           f"green,images/green0.jpg,0,0,1,0,0,0,0,0,0,0,0\n"
                           f"blue,images/blue2.jpg,1,1,1,1,0,0,0,0,0,0,0\n")
    assert main(["annotations", "import", "--project", str(project), str(annotations)]) == 0
    return project


def fake_results(project: Path) -> dict[str, EvaluationResult]:
    """A beats B on the red queries, B beats A on one blue query, ties elsewhere."""
    rows = [r for r in pipeline.open_project(project).catalog.images() if r.group in CLASSES]
    a = {r.id: (0.9 if r.group == "red" else 0.5) for r in rows}
    b = {r.id: (0.4 if r.group == "red" else 0.5) for r in rows}
    blue = [r.id for r in rows if r.group == "blue"][0]
    b[blue] = 1.0
    classes = {r.id: r.group for r in rows}

    def result(aps: dict[int, float]) -> EvaluationResult:
        per_class = {c: float(np.mean([aps[q] for q in aps if classes[q] == c])) for c in CLASSES}
        return EvaluationResult(aps, classes, per_class, float(np.mean(list(aps.values()))), {1: 0.5, 5: 0.3, 10: 0.2})

    return {A: result(a), B: result(b)}


@pytest.fixture
def fake_evaluation(project: Path, monkeypatch):
    results = fake_results(project)
    monkeypatch.setattr(methods, "evaluate_all", lambda proj, specs, **kw: {str(s): results[str(s)] for s in specs})
    return results


def test_annotations_show_and_export(project: Path, tmp_path: Path, capsys):
    assert main(["annotations", "show", "--project", str(project), "--json"]) == 0
    shown = {c["class"]: c for c in json.loads(capsys.readouterr().out)["classes"]}
    assert set(shown) == set(CLASSES)  # the distractor is not a class
    assert shown["red"]["overall_difficulty"] == 6 and shown["red"]["reference"] == "images/red1.jpg"
    assert shown["blue"]["scores"]["Color"] == 1 and shown["blue"]["derived"] is None
    assert main(["annotations", "show", "--project", str(project)]) == 0
    assert "images/green0.jpg" in capsys.readouterr().out
    out = tmp_path / "export.csv"
    assert main(["annotations", "export", "--project", str(project), str(out)]) == 0
    assert out.read_text().splitlines()[1] == "blue,images/blue2.jpg,1,1,1,1,0,0,0,0,0,0,0"


def test_annotations_export_effective_writes_scores_derived_from_ticked_images(project: Path, tmp_path: Path):
    import shutil

    from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore
    from heritage_explorer.pipeline import open_project

    project = shutil.copytree(project, tmp_path / "copy")  # the module's project stays as the other tests expect
    catalog = open_project(project).catalog
    store = AnnotationStore(catalog)
    store.set_scores("green", {v: None for v in VARIATIONS})
    green = [r for r in catalog.images(status="ok") if r.group == "green"]
    store.set_image_flags(green[-1].id, ["Scale"])  # one image of the class: predominance 1
    plain, effective = tmp_path / "plain.csv", tmp_path / "effective.csv"
    assert main(["annotations", "export", "--project", str(project), str(plain)]) == 0
    assert main(["annotations", "export", "--project", str(project), "--effective", str(effective)]) == 0
    row = {line.split(",")[0]: line.split(",")[2:] for line in plain.read_text().splitlines()[1:]}["green"]
    assert row == [""] * len(VARIATIONS)
    row = {line.split(",")[0]: line.split(",")[2:] for line in effective.read_text().splitlines()[1:]}["green"]
    assert row == ["1"] + ["0"] * (len(VARIATIONS) - 1)


def test_annotations_import_error_exit_status(project: Path, tmp_path: Path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("class,reference,Scale\nred,images/blue0.jpg,1\n")
    assert main(["annotations", "import", "--project", str(project), str(bad)]) == 2
    assert "belongs to class 'blue', not 'red'" in capsys.readouterr().err


def test_results_with_real_colorhist(project: Path, tmp_path: Path, capsys):
    out = tmp_path / "table.json"
    assert main(["results", "--project", str(project), "--method", "colorhist", "--format", "json",
                 "--out", str(out)]) == 0
    payload = json.loads(out.read_text())
    rows = {r["class"]: r for r in payload["classes"]}
    assert set(rows) == set(CLASSES) and rows["red"]["count"] == 4
    assert rows["red"]["map"]["colorhist"] > 0.9  # well-separated colours
    assert rows["red"]["overall_difficulty"] == 6
    assert main(["results", "--project", str(project), "--method", "colorhist"]) == 0
    assert "Overall" in capsys.readouterr().out


def test_revisited_from_a_metadata_column(project: Path, capsys):
    assert main(["revisited", "--project", str(project), "--method", "colorhist", "--column", "difficulty",
                 "--json", "-"]) == 0
    payload = json.loads(capsys.readouterr().out)["methods"]["colorhist"]
    # every class has one hard image (index 2): queries other than it have a Hard positive
    assert len(payload["hard"]["per_query"]) == 9 and len(payload["hard"]["excluded"]) == 3
    assert payload["medium"]["map"] > 0.9


def test_revisited_without_judgments_is_an_error(project: Path, capsys):
    assert main(["revisited", "--project", str(project), "--method", "colorhist"]) == 2
    assert "no judgments" in capsys.readouterr().err


def test_compare(project: Path, fake_evaluation, capsys, tmp_path: Path):
    out = tmp_path / "compare.json"
    assert main(["compare", "--project", str(project), "--method", A, "--method", B, "--json", str(out),
                 "--top", "2"]) == 0
    text = capsys.readouterr().out
    assert f"{A} better on 4 queries, {B} on 1, 7 ties" in text
    payload = json.loads(out.read_text())
    assert payload["summary"]["wins_a"] == 4 and len(payload["queries"]) == 12
    assert payload["largest_differences"][0]["difference"] == pytest.approx(0.5)
    assert main(["compare", "--project", str(project), "--method", A]) == 2


def test_report_two_methods(project: Path, fake_evaluation, tmp_path: Path):
    out = tmp_path / "report"
    assert main(["report", "--project", str(project), "--out", str(out), "--method", A, "--method", B]) == 0
    html = (out / "report.html").read_text()
    assert html.count("<svg") == 2  # correlation heatmap + A-vs-B scatter
    assert html.count("data:image/jpeg;base64,") == 3  # one reference thumbnail per class
    start = html.index("data:image/jpeg;base64,") + len("data:image/jpeg;base64,")
    assert base64.b64decode(html[start:html.index('"', start)])[:2] == b"\xff\xd8"
    assert __version__ in html and "image_set_sha256" in html
    payload = json.loads((out / "report.json").read_text())
    assert payload["provenance"]["specs"] == [A, B]
    assert payload["provenance"]["heritage_explorer_version"] == __version__
    assert len(payload["provenance"]["image_set_sha256"]) == 64
    assert payload["comparisons"][0]["summary"]["wins_a"] == 4
    # classes blue, green, red: Scale 1, 0, 3 against A's mAP 0.5, 0.5, 0.9; Orientation is 1 everywhere
    assert payload["correlation"]["Scale"][A] == pytest.approx(np.corrcoef([1, 0, 3], [0.5, 0.5, 0.9])[0, 1])
    assert payload["correlation"]["Orientation"][A] is None
    assert (out / "results.csv").read_text().startswith(f"class,count,{A},{B},Avg,Scale")
    assert (out / "correlation.csv").exists()


def test_report_real_method_default_specs(project: Path, tmp_path: Path):
    assert main(["extract", "--project", str(project), "--method", "colorhist"]) == 0
    out = tmp_path / "report"
    assert main(["report", "--project", str(project), "--out", str(out)]) == 0  # methods already extracted
    payload = json.loads((out / "report.json").read_text())
    assert payload["provenance"]["specs"] == ["colorhist"] and payload["comparisons"] == []
    assert payload["results"]["classes"][0]["map"]["colorhist"] is not None

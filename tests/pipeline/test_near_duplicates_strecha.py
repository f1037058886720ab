"""``heritage-explorer near-duplicates`` on strecha_mvs plus 11 seeded copies (issue #21 part 2).

strecha's neighbouring frames are the hard negatives: the same façades from a step aside, same
camera and light. The copies cover the 11 transforms of ``scripts/make_near_duplicate_set.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from heritage_explorer.cli import main
from heritage_explorer.evaluation.grouping import grouping_scores
from tests.conftest import shared_collection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def strecha_with_copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    from heritage_explorer.descriptors.registry import list_methods

    collection = shared_collection("strecha_mvs").parent
    if not next(m for m in list_methods() if m.spec == "efflite0-gem").available:
        pytest.skip("efflite0-gem weights absent (see 'heritage-explorer weights')")
    folder = tmp_path_factory.mktemp("neardup") / "set"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_near_duplicate_set.py"), str(folder),
                    str(collection), "--originals", "10", "--copies", "11", "--seed", "5"], check=True)
    project = folder.parent / "P"
    assert main(["import", "--project", str(project), str(folder / "groups.csv")]) == 0
    assert main(["extract", "--project", str(project), "--method", "efflite0-gem"]) == 0
    return project, json.loads((folder / "truth_copies.json").read_text(encoding="utf-8"))


def test_copies_are_grouped_and_neighbouring_frames_are_not(strecha_with_copies, tmp_path: Path, capsys) -> None:
    project, truth = strecha_with_copies
    out = tmp_path / "groups.json"
    assert main(["near-duplicates", "--project", str(project), "--json", str(out)]) == 0
    err = capsys.readouterr().err
    assert "verifying pairs" in err and "groups of near-duplicates" in err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert all(len(g["images"]) >= 2 and g["representative"] in g["images"] for g in doc["groups"])
    scores = grouping_scores([g["images"] for g in doc["groups"]], truth["groups"])
    # Measured 1.0 / 1.0 (12 true pairs); the floor leaves room for one missed and one wrong pair.
    assert scores.pair_recall >= 0.9, scores
    assert scores.pair_precision >= 0.9, scores
    # The representative is never a copy that lost pixels, colour or quality (a rotated, recoloured
    # or upscaled copy may tie with its original).
    worse = ("_crop_", "_border_", "_jpeg_", "_grayscale_")
    assert not [g["representative"] for g in doc["groups"] if any(w in g["representative"] for w in worse)]


def test_without_descriptors_the_error_names_the_extract_command(tmp_path: Path, capsys) -> None:
    project = tmp_path / "P"
    assert main(["import", "--project", str(project), str(shared_collection("strecha_mvs"))]) == 0
    capsys.readouterr()
    assert main(["near-duplicates", "--project", str(project), "--json", str(tmp_path / "g.json")]) == 2
    err = capsys.readouterr().err
    assert "no descriptors" in err and "heritage-explorer extract --project" in err and "efflite0-gem" in err
    assert not (tmp_path / "g.json").exists()

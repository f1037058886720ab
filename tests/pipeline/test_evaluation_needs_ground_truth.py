"""Evaluating a collection without ground truth is a clear error, and a report of a method that
ranked no query writes null, not NaN (which is not JSON: the report died with a traceback)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from heritage_explorer.cli import main
from heritage_explorer.evaluation.metrics import EvaluationResult
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.analysis import write_project_report
from tests.gui.tiny_project import SPEC, tiny_project


def _unlabelled(tmp_path: Path) -> Path:
    folder = tmp_path / "images"
    folder.mkdir()
    for n in range(4):
        pixels = (np.random.default_rng(n).random((48, 64, 3)) * 255).astype(np.uint8)
        Image.fromarray(pixels).save(folder / f"x{n}.png")
    project = tmp_path / "P"
    assert main(["import", "--project", str(project), str(folder)]) == 0
    assert main(["extract", "--project", str(project), "--method", SPEC]) == 0
    return project


@pytest.mark.parametrize("command", [["evaluate"], ["report", "--out", "R"]])
def test_a_collection_without_groups_says_there_is_nothing_to_evaluate(tmp_path, capsys, command) -> None:
    project = _unlabelled(tmp_path)
    capsys.readouterr()
    args = [command[0], "--project", str(project), "--method", SPEC, *command[1:]]
    if "--out" in args:
        args[args.index("--out") + 1] = str(tmp_path / "R")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{project}: nothing to evaluate: none of its 4 readable image(s) is a query with a group" in err
    assert "Traceback" not in err and "nan" not in err
    assert not (tmp_path / "R" / "report.json").exists()


def test_a_method_that_ranked_no_query_is_null_in_the_report(tmp_path) -> None:
    project = open_project(tiny_project(tmp_path))
    unranked = EvaluationResult(per_query={}, query_class={}, per_class={}, global_map=math.nan, precision_at={})
    outcome = write_project_report(project, tmp_path / "R", [SPEC], results={SPEC: unranked})
    payload = json.loads(outcome.files.json.read_text())
    assert payload["provenance"]["global_map"] == {SPEC: None}

"""`heritage-explorer labels`: set labels by path or selection file, list them, clear them."""

from __future__ import annotations

import json
from pathlib import Path

from heritage_explorer.cli import main
from tests.gui.tiny_project import tiny_project


def test_labels_set_list_and_clear(tmp_path: Path, capsys) -> None:
    root = tiny_project(tmp_path, extract=False)
    selection = tmp_path / "selection.txt"
    selection.write_text("# two images\nimages/b0.png\nimages/b1.png\n", encoding="utf-8")
    assert main(["labels", "--project", str(root), "--set", "portal", "images/a0.png", "images/a1.png"]) == 0
    assert main(["labels", "--project", str(root), "--set", "tower", "--selection", str(selection)]) == 0
    assert "2 of 2 images labelled 'tower'" in capsys.readouterr().out
    assert main(["labels", "--project", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == ["portal\t2", "tower\t2"]
    assert main(["labels", "--project", str(root), "--clear", "images/a1.png"]) == 0
    out = tmp_path / "labels.json"
    assert main(["labels", "--project", str(root), "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc == {"labels": {"images/a0.png": "portal", "images/b0.png": "tower", "images/b1.png": "tower"},
                   "counts": {"portal": 1, "tower": 2}}


def test_an_unknown_image_or_no_image_is_an_error(tmp_path: Path, capsys) -> None:
    root = tiny_project(tmp_path, extract=False)
    assert main(["labels", "--project", str(root), "--set", "portal", "images/a0.png", "nope.png"]) == 2
    assert "not images of this project: nope.png" in capsys.readouterr().err
    assert main(["labels", "--project", str(root), "--set", "portal"]) == 2
    assert "name the images" in capsys.readouterr().err
    assert main(["labels", "--project", str(root), "--set", " ", "images/a0.png"]) == 2
    assert "not nothing" in capsys.readouterr().err
    assert main(["labels", "--project", str(root)]) == 0 and capsys.readouterr().out == ""

"""`heritage-explorer images --filter TEXT`: the catalog's free-text filter from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from heritage_explorer.cli import main


def _project(tmp_path: Path) -> Path:
    listing = tmp_path / "list.csv"
    listing.write_text("path,group,query,title\n"
                       "a/louvre_1.jpg,louvre,1,Pyramide damaged\n"
                       "a/louvre_2.jpg,louvre,0,Cour Carrée\n"
                       "b/eiffel_1.jpg,eiffel,1,Tour la nuit\n", encoding="utf-8")
    assert main(["import", "--project", str(tmp_path / "P"), str(listing)]) == 0
    return tmp_path / "P"


def test_images_filter_json(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    capsys.readouterr()
    assert main(["images", "--project", str(project), "--filter", "carree", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 1 and [i["path"] for i in result["images"]] == ["a/louvre_2.jpg"]
    assert main(["images", "--project", str(project), "--group", "louvre", "--limit", "1", "--offset", "1",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 2 and [i["path"] for i in result["images"]] == ["a/louvre_2.jpg"]
    assert main(["images", "--project", str(project), "--filter", "nowhere"]) == 0
    assert "0 images match" in capsys.readouterr().out


def test_images_bad_limit_is_a_clear_error(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    assert main(["images", "--project", str(project), "--limit", "0"]) == 2
    assert "--limit must be positive" in capsys.readouterr().err

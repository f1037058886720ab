"""Issue #9 §1: awkward files and malformed sources through the command line.

Every file that cannot be used is in the catalog with a reason (``status --json``) and in the
command's own report; every good file is described; a source that cannot be read at all is a
clear error naming the line, with a non-zero exit status and nothing written.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from heritage_explorer.core.catalog import CATALOG_NAME
from tests.image_corpus import Expected
from tests.reliability.helpers import SAMPLE, cli, vectors_by_path


def _status(project: Path) -> dict[str, dict]:
    result = cli("status", "--project", project, "--json")
    assert result.code == 0, result.err
    return {image["path"]: image for image in result.json()["images"]}


def test_awkward_corpus_every_bad_file_has_a_reason_every_good_one_is_described(
    bad_input_folder: tuple[Path, dict[str, Expected]], tmp_path: Path
) -> None:
    folder, expected = bad_input_folder
    project = tmp_path / "P"
    imported = cli("import", "--project", project, folder, "--json")
    assert imported.code == 0, imported.err
    counts = cli("status", "--project", project, "--json").json()["counts"]
    assert counts.get("error", 0) and counts.get("missing", 0)
    summary_line = next(line for line in imported.err.splitlines() if "catalog:" in line)
    assert all(f"{n} {state}" in summary_line for state, n in counts.items()), (summary_line, counts)
    extracted = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert extracted.code == 0, extracted.err

    good = {name for name, outcome in expected.items() if outcome.ok}
    bad = set(expected) - good
    status = _status(project)
    assert set(status) == set(expected)  # hidden folders, link loops back and .txt files are not images
    for name in good:
        assert (status[name]["status"], status[name]["error"]) == ("ok", None), name
    for name in bad:
        row = status[name]
        assert row["status"] in ("error", "missing"), row
        assert expected[name].reason.lower() in row["error"].lower(), row
    # The commands' own reports name every bad file (import: header or link problems; extract: pixel data).
    reported = {e["path"] for e in imported.json()["errors"]} | {e["path"] for e in extracted.json()["errors"]}
    assert reported == bad
    messages = imported.err + extracted.err
    assert all(name in messages for name in bad)
    assert extracted.json()["computed"]["colorhist"] == len(good)
    assert sorted(vectors_by_path(project, "colorhist")) == sorted(good)
    # status without --json lists the problems for a person
    text = cli("status", "--project", project)
    assert all(f": {name}: " in text.out for name in bad)


def _collection_with_problem_rows(tmp_path: Path) -> Path:
    root = tmp_path / "collection"
    (root / "images").mkdir(parents=True)
    for name in ("astronaut_original.jpg", "astronaut_crop.jpg", "camera_original.jpg"):
        shutil.copy(SAMPLE / "images" / name, root / "images" / name)
    shutil.copy(SAMPLE / "images" / "camera_jpeg.jpg", tmp_path / "outside.jpg")
    csv = root / "list.csv"
    csv.write_text(
        "path,group\n"
        "images/astronaut_original.jpg,astronaut\n"
        "images/gone.jpg,astronaut\n"
        "images/astronaut_crop.jpg,astronaut\n"
        "../outside.jpg,camera\n"
        f"{tmp_path / 'outside.jpg'},camera\n"
        "images/camera_original.jpg,camera\n",
        encoding="utf-8",
    )
    return csv


def test_csv_rows_pointing_to_missing_or_outside_files(tmp_path: Path) -> None:
    csv = _collection_with_problem_rows(tmp_path)
    project = tmp_path / "P"
    imported = cli("import", "--project", project, csv, "--json")
    assert imported.code == 0, imported.err
    problems = {e["path"]: e["error"] for e in imported.json()["errors"]}
    assert problems["images/gone.jpg"] == "line 3: file not found"
    assert "line 5" in problems["../outside.jpg"] and "leaves the CSV's folder refused" in problems["../outside.jpg"]
    assert "line 6" in problems[str(tmp_path / "outside.jpg")] and "absolute path refused" in problems[
        str(tmp_path / "outside.jpg")]
    assert "images/gone.jpg: line 3: file not found" in imported.err
    status = _status(project)
    assert status["images/gone.jpg"]["status"] == "missing" and "not found" in status["images/gone.jpg"]["error"]
    assert not any("outside" in path for path in status)  # refused rows are not in the catalog
    extracted = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert extracted.code == 0 and extracted.json()["computed"] == {"colorhist": 3}

    allowed = cli("import", "--project", tmp_path / "Q", csv, "--allow-absolute", "--json")
    assert allowed.code == 0
    problems = {e["path"]: e["error"] for e in allowed.json()["errors"]}
    outside = str(tmp_path / "outside.jpg")
    assert problems == {"images/gone.jpg": "line 3: file not found",
                        outside: "line 6: listed again (first at line 5); ignored"}
    assert _status(tmp_path / "Q")[outside]["status"] == "ok"  # once, under its absolute path


def _catalog_dump(project: Path) -> list[tuple]:
    with sqlite3.connect(project / CATALOG_NAME) as db:
        return db.execute("SELECT * FROM collections").fetchall() + db.execute("SELECT * FROM images").fetchall()


MALFORMED = {
    "unbalanced_quote.csv": ('path,group\nimages/a.jpg,x\n"images/b.jpg,y\nimages/c.jpg,z\n', "line 3", "malformed CSV"),
    "no_path_column.csv": ("file,group\nimages/a.jpg,x\n", "line 1", "no 'path' column"),
    "latin1.csv": ("path,group\nimages/a.jpg,x\nimages/caf\xe9.jpg,y\n".encode("latin-1"), "line 3", "not UTF-8"),
    "manifest.json": ('{"@context": "http://iiif.io/api/presentation/2/context.json",\n "label": }\n',
                      "line 2", "not valid JSON"),
    "collection.json": (json.dumps({"@type": "sc:Collection", "manifests": []}), "", "collection"),
}


def test_malformed_sources_are_clear_errors_and_write_nothing(tmp_path: Path, sample_csv: Path) -> None:
    existing = tmp_path / "P"
    assert cli("import", "--project", existing, sample_csv).code == 0
    before = _catalog_dump(existing)
    for name, (content, where, what) in MALFORMED.items():
        source = tmp_path / name
        source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        for project in (existing, tmp_path / f"new_{name}"):
            result = cli("import", "--project", project, source)
            assert result.code == 2, (name, result.err)
            first_line = result.err.splitlines()[0]
            assert first_line.startswith("heritage-explorer: error: ") and str(source) in first_line, result.err
            assert where in first_line and what in first_line, result.err
            assert "Traceback" not in result.err
        assert not (tmp_path / f"new_{name}").exists()  # no empty project left behind
    assert _catalog_dump(existing) == before
    assert not (existing / "cache" / "iiif").exists() or not any((existing / "cache" / "iiif").iterdir())

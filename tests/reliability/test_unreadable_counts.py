"""One notion of "unreadable" (issue #22, defect 5): on a folder with a fake ``.jpg`` (a text file),
an empty ``.png`` and a truncated ``.jpg`` (its header reads fine) among good images, import, status,
extraction and the catalog's list of problems report the same three files with the same reasons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heritage_explorer.pipeline import open_project
from tests.reliability.helpers import SAMPLE, cli

GOOD = ["astronaut_original.jpg", "chelsea_original.jpg", "coffee_original.jpg", "rocket_original.jpg"]
BAD = {"fake.jpg": "not an image", "empty.png": "empty file", "truncated.jpg": "truncated"}


def broken_folder(folder: Path) -> Path:
    """Four good sample images and the three broken files of the issue."""
    folder.mkdir(parents=True)
    for name in GOOD:
        shutil.copy(SAMPLE / "images" / name, folder / name)
    (folder / "fake.jpg").write_text("This is a text file, not a JPEG.\n" * 10)
    (folder / "empty.png").write_bytes(b"")
    data = (SAMPLE / "images" / "coffee_crop.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(data[: len(data) // 2])  # header intact, pixel data cut
    return folder


@pytest.fixture
def broken_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """(project, import's {path: reason}) after importing the broken folder through the CLI."""
    project = tmp_path / "P"
    imported = cli("import", "--project", project, broken_folder(tmp_path / "images"), "--json")
    assert imported.code == 0, imported.err
    return project, {e["path"]: e["error"] for e in imported.json()["errors"]}


def test_import_status_extraction_and_catalog_agree(broken_project: tuple[Path, dict[str, str]]) -> None:
    project, from_import = broken_project
    assert sorted(from_import) == sorted(BAD)
    for name, reason in BAD.items():
        assert reason in from_import[name], (name, from_import[name])

    status = cli("status", "--project", project, "--json").json()
    from_status = {i["path"]: i["error"] for i in status["images"] if i["status"] != "ok"}
    assert from_status == from_import
    assert status["counts"] == {"ok": len(GOOD), "error": len(BAD)}

    extracted = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert extracted.code == 0, extracted.err
    summary = extracted.json()
    assert {e["path"]: e["error"] for e in summary["errors"]} == from_import
    assert summary["computed"]["colorhist"] == len(GOOD)
    assert f"{len(BAD)} unreadable image(s) skipped:" in extracted.err
    assert all(f"unreadable: {name}: {reason}" in extracted.err for name, reason in from_import.items())

    catalog = open_project(project).catalog  # the list the grid and the extraction panel show
    assert {row.path: row.error for row in catalog.problems()} == from_import
    catalog.close()


def test_a_second_extraction_reports_the_same_problems(broken_project: tuple[Path, dict[str, str]]) -> None:
    """Nothing new is found unreadable the second time, yet the skipped images are still all listed."""
    project, from_import = broken_project
    assert cli("extract", "--project", project, "--method", "colorhist").code == 0
    again = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert {e["path"]: e["error"] for e in again.json()["errors"]} == from_import

"""A read-only project (issue #22, defect 4): a project copied to a folder and made read-only with
``chmod -R a-w`` opens, browses, searches and exports; what needs write access says so.

These tests may run as root, whom ``chmod`` does not stop from writing. So they do not rely on
permission errors: the project is recognised as read-only from its mode bits (``core.atomic.
writable``), and every test compares a snapshot of the copy's files (names, sizes, modification
times, contents) before and after, which shows that nothing was written, whoever runs them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from heritage_explorer.core.catalog import CATALOG_NAME, Catalog
from heritage_explorer.core.errors import ProjectError, ReadOnlyProjectError
from heritage_explorer.pipeline import open_project
from tests.reliability.helpers import SAMPLE, cli

SPEC = "colorhist"
QUERY = "images/astronaut_original.jpg"


def snapshot(root: Path) -> dict[str, tuple]:
    files = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        files[str(path.relative_to(root))] = (st.st_size if path.is_file() else None, st.st_mtime_ns, digest)
    st = root.stat()
    files["."] = (None, st.st_mtime_ns, None)
    return files


def _read_only_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    subprocess.run(["chmod", "-R", "a-w", str(target)], check=True)
    return target


def _checkpoint(project: Path) -> None:
    """Move the WAL's changes into the catalog file and empty the WAL, as closing the last connection does."""
    conn = sqlite3.connect(project / CATALOG_NAME)
    assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    conn.close()


@pytest.fixture(params=["closed", "copied while open"])
def read_only_project(request, sample_project: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the sample project (colorhist extracted and indexed) in a folder, ``chmod -R a-w``:
    copied after its WAL was checkpointed (opened immutable), or with changes still in the WAL
    (read from a private copy)."""
    assert cli("search", "--project", sample_project, "--method", SPEC, "--image", QUERY).code == 0  # the index
    assert (sample_project / "indexes" / SPEC / "index.bin").exists()
    if request.param == "closed":
        _checkpoint(sample_project)
    copy = _read_only_copy(sample_project, tmp_path / "shelf" / "P")
    wal = copy / (CATALOG_NAME + "-wal")
    assert (wal.exists() and wal.stat().st_size > 0) == (request.param == "copied while open")
    yield copy
    subprocess.run(["chmod", "-R", "u+w", str(tmp_path / "shelf")], check=True)


def test_chmod_makes_the_project_read_only_for_every_user(read_only_project: Path) -> None:
    project = open_project(read_only_project)
    assert project.read_only
    wal = read_only_project / (CATALOG_NAME + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    # immutable on the file itself when the WAL is empty, else read from a private copy
    assert (project.catalog._read_only_source._copy is not None) == pending
    assert project.catalog.path == read_only_project / CATALOG_NAME
    assert not str(project.cache_dir).startswith(str(read_only_project))  # caches kept elsewhere
    project.catalog.close()


def test_search_browse_and_export_change_nothing(read_only_project: Path, tmp_path: Path) -> None:
    before = snapshot(read_only_project)
    found = cli("search", "--project", read_only_project, "--method", SPEC, "--image", QUERY, "-k", "3", "--json")
    assert found.code == 0, found.err
    results = found.json()["results"]
    assert results[0]["path"] == QUERY and results[0]["score"] == pytest.approx(1.0, abs=1e-4)
    external = cli("search", "--project", read_only_project, "--method", SPEC, "--image",
                   SAMPLE / "images" / "coffee_crop.jpg", "-k", "2", "--json")
    assert external.code == 0, external.err
    assert external.json()["results"][0]["path"] == "images/coffee_crop.jpg"
    status = cli("status", "--project", read_only_project, "--json")
    assert status.code == 0 and status.json()["counts"] == {"ok": 31}
    evaluated = cli("evaluate", "--project", read_only_project, "--method", SPEC, "--json")
    assert evaluated.code == 0, evaluated.err
    assert 0.3 < evaluated.json()["methods"][SPEC]["global_map"] <= 1.0
    for command in (["results", "--method", SPEC], ["compare", "--method", SPEC, "--method", SPEC],
                    ["annotations", "show"]):
        done = cli(*command[:1], *(["show"] if command[0] == "annotations" else []), "--project", read_only_project,
                   *(command[1:] if command[0] != "annotations" else []))
        assert done.code == 0, (command, done.err)
    report = cli("report", "--project", read_only_project, "--method", SPEC, "--out", tmp_path / "report")
    assert report.code == 0, report.err
    assert (tmp_path / "report" / "report.html").exists()
    exported = cli("annotations", "export", "--project", read_only_project, tmp_path / "annotations.csv")
    assert exported.code == 0 and (tmp_path / "annotations.csv").exists()
    assert snapshot(read_only_project) == before


def test_search_without_a_stored_index_builds_one_in_memory(sample_project: Path, tmp_path: Path) -> None:
    assert not (sample_project / "indexes").exists()  # extracted, never searched
    copy = _read_only_copy(sample_project, tmp_path / "shelf" / "P")
    try:
        before = snapshot(copy)
        found = cli("search", "--project", copy, "--method", SPEC, "--image", QUERY, "-k", "3", "--json")
        assert found.code == 0, found.err
        assert found.json()["results"][0]["path"] == QUERY
        assert snapshot(copy) == before and not (copy / "indexes").exists()
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(tmp_path / "shelf")], check=True)


@pytest.mark.parametrize(("command", "action"), [
    (["import", str(SAMPLE / "collection.csv")], "importing needs write access"),
    (["extract", "--method", "efflite0-gem"], "extraction needs write access"),
    (["index", "--method", SPEC], "indexing needs write access"),
])
def test_writing_actions_say_they_need_write_access(read_only_project: Path, command: list[str], action: str) -> None:
    before = snapshot(read_only_project)
    done = cli(command[0], "--project", read_only_project, *command[1:])
    assert done.code == 2
    assert "the project is read-only" in done.err and action in done.err and "Traceback" not in done.err
    assert done.err.count("\n") == 1  # one clear line
    assert snapshot(read_only_project) == before


def test_annotations_import_needs_write_access(read_only_project: Path, tmp_path: Path) -> None:
    csv = tmp_path / "annotations.csv"
    assert cli("annotations", "export", "--project", read_only_project, csv).code == 0
    before = snapshot(read_only_project)
    done = cli("annotations", "import", "--project", read_only_project, csv)
    assert done.code == 2 and "importing annotations needs write access" in done.err
    assert snapshot(read_only_project) == before


def test_read_only_catalog_is_read_only_to_sqlite_itself(sample_project: Path) -> None:
    """``read_only=True`` on a writable catalog: SQLite's mode=ro refuses a write even past our checks."""
    catalog = Catalog(sample_project / CATALOG_NAME, read_only=True)
    assert catalog.count_images() == {"ok": 31}
    with pytest.raises(ReadOnlyProjectError, match="judging needs write access"):
        with catalog.transaction("judging"):
            pass
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        catalog._connection().execute("DELETE FROM images")
    assert catalog.start_run("evaluate", SPEC, {}) is None  # no run log in a read-only catalog
    catalog.close()


def test_changes_still_in_the_wal_are_read(tmp_path: Path) -> None:
    """A project copied while a program had it open: its last changes are only in ``-wal``, which
    an immutable open would ignore. The read-only catalog reads them."""
    writer = Catalog(tmp_path / "P" / CATALOG_NAME)
    writer.start_run("evaluate", SPEC, {"note": "only in the WAL"})
    assert (tmp_path / "P" / (CATALOG_NAME + "-wal")).stat().st_size > 0
    copy = _read_only_copy(tmp_path / "P", tmp_path / "shelf" / "P")
    writer.close()
    try:
        catalog = Catalog(copy / CATALOG_NAME)
        assert catalog.read_only and catalog._read_only_source._copy is not None
        assert [r["params"] for r in catalog.runs()] == [{"note": "only in the WAL"}]
        catalog.close()
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(tmp_path / "shelf")], check=True)


def test_a_read_only_file_in_a_writable_folder(sample_project: Path) -> None:
    """Only the catalog made read-only (``chmod a-w catalog.sqlite``): opened read-only too."""
    path = sample_project / CATALOG_NAME
    os.chmod(path, 0o444)
    try:
        project = open_project(sample_project)
        assert project.read_only and project.catalog.count_images() == {"ok": 31}
        with pytest.raises(ReadOnlyProjectError, match="extraction needs write access"):
            project.require_writable("extraction")
        project.catalog.close()
    finally:
        os.chmod(path, 0o644)


@pytest.mark.parametrize("target", ["P", "new/P"])
def test_creating_a_project_in_a_read_only_folder_says_so(tmp_path: Path, sample_csv: Path, target: str) -> None:
    """Not a PermissionError traceback (non-root) nor a project written into a folder meant to stay
    as it is (root): one sentence naming the folder, and nothing created."""
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    subprocess.run(["chmod", "a-w", str(shelf)], check=True)
    try:
        before = snapshot(shelf)
        failed = cli("import", "--project", shelf / target, sample_csv)
        assert failed.code == 2, failed.err
        assert f"the folder {shelf} is read-only" in failed.err and "Traceback" not in failed.err
        assert snapshot(shelf) == before
        with pytest.raises(ProjectError, match="read-only"):
            open_project(shelf / target, create=True)
    finally:
        subprocess.run(["chmod", "u+w", str(shelf)], check=True)

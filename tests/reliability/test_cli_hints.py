"""Every command the CLI suggests works as written (issue #22, defect 7): each test provokes a hint
on a real project, takes the command line after "run:" from the message, runs it exactly as a
shell would split it, and checks that what the hint was for then works."""

from __future__ import annotations

import html
import re
import shlex
import shutil
from pathlib import Path

from heritage_explorer.cli import build_parser
from tests.reliability.helpers import SAMPLE_COUNT, cli, flip_byte

HINT = re.compile(r"run: (heritage-explorer [^\n]*)$")


def _hint(message: str) -> list[str]:
    """The suggested command of an error message, split as a shell splits it (program name dropped)."""
    found = HINT.search(message.strip())
    assert found, f"no command suggested in {message!r}"
    argv = shlex.split(found.group(1))
    assert argv[0] == "heritage-explorer"
    return argv[1:]


def test_no_project_hint_creates_the_project(tmp_path: Path, sample_csv: Path) -> None:
    project = tmp_path / "my projects" / "new one"  # a path the shell must see quoted
    failed = cli("status", "--project", project)
    assert failed.code == 2
    argv = _hint(failed.err)
    assert argv[-1] == "SOURCE"  # the one placeholder: what to import is the user's choice
    done = cli(*argv[:-1], sample_csv)
    assert done.code == 0, done.err
    assert cli("status", "--project", project, "--json").json()["counts"] == {"ok": SAMPLE_COUNT}


def test_no_descriptors_hint_extracts_them(tmp_path: Path, sample_csv: Path) -> None:
    project = tmp_path / "P"
    assert cli("import", "--project", project, sample_csv).code == 0
    failed = cli("search", "--project", project, "--method", "colorhist", "--image", "#1")
    assert failed.code == 2 and "no descriptors in this project yet" in failed.err
    assert cli(*_hint(failed.err)).code == 0
    assert cli("search", "--project", project, "--method", "colorhist", "--image", "#1").code == 0


def test_damaged_descriptors_hint_recomputes_them(sample_project: Path) -> None:
    flip_byte(sample_project / "descriptors" / "colorhist" / "vectors.npy", -7)
    failed = cli("search", "--project", sample_project, "--method", "colorhist", "--image", "#1")
    assert failed.code == 2 and "checksum mismatch" in failed.err
    assert cli(*_hint(failed.err)).code == 0
    found = cli("search", "--project", sample_project, "--method", "colorhist", "--image", "#1", "--json")
    assert found.code == 0 and found.json()["results"][0]["image_id"] == 1


def test_no_local_features_hint_extracts_them(sample_project: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "P"  # the hint names the project where it is now
    shutil.move(sample_project, moved)
    spec = "colorhist>>orb-500@10"
    failed = cli("search", "--project", moved, "--method", spec, "--image", "#1")
    assert failed.code == 2 and "no local features" in failed.err
    argv = _hint(failed.err)
    assert argv == ["extract", "--project", str(moved), "--method", "orb-500"]
    assert cli(*argv).code == 0
    found = cli("search", "--project", moved, "--method", spec, "--image", "#1", "--json")
    assert found.code == 0, found.err
    assert found.json()["results"][0]["image_id"] == 1


def test_distributed_netvlad_hint_is_a_valid_extract_command(sample_project: Path) -> None:
    """Running it would train NetVLAD (minutes of CNN work): checked to parse to the command meant."""
    failed = cli("extract", "--project", sample_project, "--workers", "1", "--method", "netvlad-efflite0")
    assert failed.code == 2 and "on one machine" in failed.err
    args = build_parser().parse_args(_hint(failed.err))
    assert args.command == "extract" and args.workers is None and args.distributed is None
    assert args.project == sample_project and args.method == ["netvlad-efflite0"]


def test_report_annotation_hint_imports_annotations(sample_project: Path, tmp_path: Path) -> None:
    """The report of an unannotated project says how to annotate, as a command naming the project."""
    assert cli("report", "--project", sample_project, "--method", "colorhist", "--out", tmp_path / "r").code == 0
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    found = re.search(r"<code>(heritage-explorer annotations import [^<]*)</code>", page)
    assert found, "the report names no command to import annotations"
    argv = shlex.split(html.unescape(found.group(1)))[1:]
    assert argv[-1] == "FILE.csv"  # the one placeholder: the user's own annotations
    annotations = tmp_path / "mine.csv"
    from heritage_explorer.core.annotations import VARIATIONS
    annotations.write_text("class,reference," + ",".join(VARIATIONS) + "\n"
                           "astronaut,images/astronaut_original.jpg," + ",".join("0" for _ in VARIATIONS) + "\n",
                           encoding="utf-8")
    done = cli(*argv[:-1], annotations)
    assert done.code == 0, done.err
    again = cli("report", "--project", sample_project, "--method", "colorhist", "--out", tmp_path / "r2")
    assert again.code == 0
    assert "No class has variation annotations" not in (tmp_path / "r2" / "report.html").read_text(encoding="utf-8")

"""Issue #9 §2: a killed extraction resumes exactly; damaged artefacts are detected, never served.

Real subprocesses, real files: the CLI is killed with SIGKILL mid-extraction, artefacts are
damaged byte by byte, and the command line must recover or say what is wrong.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.catalog import CATALOG_NAME
from heritage_explorer.index.hnsw import HnswIndex
from heritage_explorer.pipeline.extract import DEFAULT_BATCH
from tests.reliability.helpers import (
    SAMPLE_COUNT,
    SYNTHETIC_COUNT,
    assert_same_vectors,
    cli,
    cli_command,
    flip_byte,
    subprocess_env,
    vectors_by_path,
)


def _kill_after_first_chunk(project: Path, spec: str) -> list[Path]:
    """Start ``extract`` as a subprocess, SIGKILL it once a batch is on disk; the chunks left."""
    chunks = project / "descriptors" / spec / "chunks"
    process = subprocess.Popen(cli_command("extract", "--project", project, "--method", spec),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=subprocess_env())
    deadline = time.monotonic() + 60
    try:
        while not list(chunks.glob("*.npz")):
            if process.poll() is not None:
                pytest.fail(f"extraction ended (status {process.returncode}) before a chunk was seen")
            if time.monotonic() > deadline:
                pytest.fail("no chunk written within 60 s")
            time.sleep(0.002)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL
    return sorted(chunks.glob("*.npz"))


def test_sigkill_mid_extraction_then_resume_gives_the_uninterrupted_result(
    synthetic_folder: Path, tmp_path: Path
) -> None:
    project = tmp_path / "P"
    assert cli("import", "--project", project, synthetic_folder).code == 0
    chunks = _kill_after_first_chunk(project, "colorhist")
    store = project / "descriptors" / "colorhist"
    assert not (store / "vectors.npy").exists()  # killed before consolidating: only the batches are on disk
    persisted = 0
    for chunk in chunks:
        with np.load(chunk) as data:
            persisted += len(data["ids"])
    assert persisted >= DEFAULT_BATCH and persisted % DEFAULT_BATCH == 0

    resumed = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert resumed.code == 0, resumed.err
    summary = resumed.json()
    # Every batch on disk is reused; only what the killed run had not persisted (< one batch) is lost.
    assert summary["reused"] == {"colorhist": persisted}
    assert summary["computed"] == {"colorhist": SYNTHETIC_COUNT - persisted}
    assert f"colorhist: {SYNTHETIC_COUNT - persisted} described, {persisted} already up to date" in resumed.err
    assert not list(store.rglob("*.tmp")) and not list((store / "chunks").glob("*.npz"))

    reference = tmp_path / "Reference"
    assert cli("import", "--project", reference, synthetic_folder).code == 0
    assert cli("extract", "--project", reference, "--method", "colorhist").code == 0
    assert_same_vectors(vectors_by_path(project, "colorhist"), vectors_by_path(reference, "colorhist"))


def test_catalog_is_in_wal_mode_and_artefacts_carry_checksums(sample_project: Path) -> None:
    with sqlite3.connect(sample_project / CATALOG_NAME) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert cli("index", "--project", sample_project, "--method", "colorhist").code == 0
    store = sample_project / "descriptors" / "colorhist"
    meta = json.loads((store / "meta.json").read_text())
    assert meta["spec"] == "colorhist" and meta["schema_version"] == 1 and "weights_sha256" in meta
    assert set(meta["files"]) == {"vectors.npy", "ids.npy", "hashes.npy"}
    assert all(len(entry["sha256"]) == 64 for entry in meta["files"].values())
    index_meta = json.loads((sample_project / "indexes" / "colorhist" / "index.json").read_text())
    assert len(index_meta["sha256"]) == 64 and index_meta["meta"]["spec"] == "colorhist"
    assert index_meta["count"] == SAMPLE_COUNT


def _search(project: Path, query: str = "#1", k: int = 8) -> list[tuple[str, float]]:
    result = cli("search", "--project", project, "--method", "colorhist", "--image", query, "-k", str(k), "--json")
    assert result.code == 0, result.err
    return [(hit["path"], hit["score"]) for hit in result.json()["results"]]


def _same_ranking(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> bool:
    return [p for p, _ in a] == [p for p, _ in b] and np.allclose([s for _, s in a], [s for _, s in b], atol=1e-5)


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "empty", "bad json", "delete content"])
def test_damaged_index_is_rebuilt_from_the_store(sample_project: Path, damage: str) -> None:
    expected = _search(sample_project)
    assert expected[0][1] == pytest.approx(1.0, abs=1e-4) and len(expected) == 8
    index_dir = sample_project / "indexes" / "colorhist"
    index_bin = index_dir / "index.bin"
    if damage == "flip a byte":
        flip_byte(index_bin, index_bin.stat().st_size // 2)
    elif damage == "truncate":
        index_bin.write_bytes(index_bin.read_bytes()[: index_bin.stat().st_size // 2])
    elif damage == "empty":
        index_bin.write_bytes(b"")
    elif damage == "bad json":
        (index_dir / "index.json").write_text('{"schema_version": 1, "dim": ')
    else:
        (index_dir / "content.npz").unlink()
    assert _same_ranking(_search(sample_project), expected)
    HnswIndex.load(index_dir, expected_meta={"spec": "colorhist"})  # rewritten whole: loads with its checksum


def test_damaged_store_search_reports_it_and_extract_recomputes_it(sample_project: Path) -> None:
    reference = vectors_by_path(sample_project, "colorhist")
    ranking = _search(sample_project)
    evaluation = cli("evaluate", "--project", sample_project, "--method", "colorhist", "--json")
    assert evaluation.code == 0
    vectors = sample_project / "descriptors" / "colorhist" / "vectors.npy"
    flip_byte(vectors, vectors.stat().st_size - 7)  # one float of the last row: looks plausible, is wrong

    search = cli("search", "--project", sample_project, "--method", "colorhist", "--image", "#1", "--json")
    assert search.code == 2 and search.out == ""
    assert "vectors.npy: checksum mismatch" in search.err
    hint = shlex.join(["heritage-explorer", "extract", "--project", str(sample_project), "--method", "colorhist"])
    assert f"run: {hint}" in search.err and "Traceback" not in search.err

    # evaluate extracts what is missing first, which recomputes the damaged store: same figures.
    again = cli("evaluate", "--project", sample_project, "--method", "colorhist", "--json")
    assert again.code == 0, again.err
    assert again.json() == evaluation.json()

    vectors.write_bytes(vectors.read_bytes()[:200])  # truncated
    extracted = cli("extract", "--project", sample_project, "--method", "colorhist", "--json")
    assert extracted.code == 0, extracted.err
    summary = extracted.json()
    assert "vectors.npy" in summary["discarded"]["colorhist"]
    assert summary["computed"] == {"colorhist": SAMPLE_COUNT} and summary["reused"] == {"colorhist": 0}
    assert_same_vectors(vectors_by_path(sample_project, "colorhist"), reference)
    assert _same_ranking(_search(sample_project), ranking)


def test_index_files_from_two_moments_are_not_trusted(sample_csv: Path, tmp_path: Path) -> None:
    """index.bin/index.json of an older index beside the content.npz of a newer one (two saves that
    interleaved, a partial restore): every image must still be found."""
    lines = sample_csv.read_text(encoding="utf-8").splitlines(keepends=True)
    first = sample_csv.with_name("first.csv")
    first.write_text("".join(lines[:11]), encoding="utf-8")  # header + 10 images
    project = tmp_path / "P"
    assert cli("import", "--project", project, first).code == 0
    assert cli("extract", "--project", project, "--method", "colorhist").code == 0
    assert cli("index", "--project", project, "--method", "colorhist").code == 0
    index_dir = project / "indexes" / "colorhist"
    older = {name: (index_dir / name).read_bytes() for name in ("index.bin", "index.json")}
    assert cli("import", "--project", project, sample_csv).code == 0  # 31 more catalog images
    assert cli("extract", "--project", project, "--method", "colorhist").code == 0
    assert cli("index", "--project", project, "--method", "colorhist").code == 0
    for name, data in older.items():
        (index_dir / name).write_bytes(data)
    found = _search(project, k=100)
    assert len(found) == 10 + SAMPLE_COUNT

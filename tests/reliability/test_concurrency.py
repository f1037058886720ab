"""Issue #9 §2: two processes on one project. Two extractions of the same method: one runs, the
other is told the project is busy; a process searching while another extracts and indexes (the
GUI beside the CLI) always gets valid results, never a spurious "damaged" error."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import ProjectError
from heritage_explorer.core.imageio import load_rgb
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.store import DescriptorStore
from tests.reliability.helpers import (
    SAMPLE_COUNT,
    SYNTHETIC_COUNT,
    cli,
    cli_command,
    subprocess_env,
    vectors_by_path,
)


def test_two_extractions_of_one_method_one_runs_the_other_is_busy(synthetic_folder: Path, tmp_path: Path) -> None:
    project = tmp_path / "P"
    assert cli("import", "--project", project, synthetic_folder).code == 0
    command = cli_command("extract", "--project", project, "--method", "colorhist", "--json")
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=subprocess_env()) for _ in range(2)]
    outputs = [process.communicate(timeout=120) for process in processes]
    codes = [process.returncode for process in processes]
    assert sorted(codes) == [0, 2], outputs
    winner, loser = (outputs[0], outputs[1]) if codes[0] == 0 else (outputs[1], outputs[0])
    assert "another extraction of colorhist is running in this project" in loser[1]
    assert loser[0] == "" and "Traceback" not in loser[1]
    assert json.loads(winner[0])["computed"] == {"colorhist": SYNTHETIC_COUNT}

    vectors = vectors_by_path(project, "colorhist")  # verified against the checksums in meta.json
    assert len(vectors) == SYNTHETIC_COUNT
    extractor = create_extractor("colorhist")
    for path in ("img_00000.jpg", "img_00050.jpg", f"img_{SYNTHETIC_COUNT - 1:05d}.jpg"):
        expected = extractor.describe(load_rgb(synthetic_folder / path, extractor.max_side))
        assert np.allclose(vectors[path], expected, atol=1e-6)
    again = cli("extract", "--project", project, "--method", "colorhist", "--json")
    assert again.code == 0 and again.json()["reused"] == {"colorhist": SYNTHETIC_COUNT}


def test_extraction_lock_is_released_when_the_holder_dies_and_orders_threads(tmp_path: Path) -> None:
    store = DescriptorStore(tmp_path / "descriptors" / "colorhist")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from pathlib import Path
            from heritage_explorer.pipeline.store import DescriptorStore
            with DescriptorStore(Path({str(store.dir)!r})).writer_lock("colorhist"):
                print("locked", flush=True)
                time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True, env=subprocess_env())
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(ProjectError, match="another extraction of colorhist is running in this project"):
            with store.writer_lock("colorhist"):
                pass
    finally:
        holder.kill()  # SIGKILL: no chance to unlock
        holder.wait()
    with store.writer_lock("colorhist"):  # the system released the dead process's lock
        with pytest.raises(ProjectError, match="another extraction"):  # a second thread of this process
            with store.writer_lock("colorhist"):
                pass


_WRITER = """
import sys, time
from pathlib import Path
from heritage_explorer.pipeline import build_index, extract_methods, import_source, open_project
from tests.reliability.helpers import synthetic_image
project = open_project(sys.argv[1])
additions = Path(sys.argv[3])
edited = [row.abspath for row in project.catalog.images()[-2:]]
rounds, end = 0, time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    # an archivist edits an image and adds one; extraction recomputes the first, describes the second
    synthetic_image(1000 + rounds, (96, 64)).save(edited[rounds % 2])
    synthetic_image(2000 + rounds, (96, 64)).save(additions / f"new_{rounds:04d}.jpg")
    import_source(project, str(additions))
    summary = extract_methods(project, ["colorhist"])
    assert summary.computed == {"colorhist": 2}, summary
    build_index(project, "colorhist")
    rounds += 1
print(rounds)
"""

_READER = """
import json, random, sys, time
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline import open_project, search
project = open_project(sys.argv[1])
searches, failures, end = 0, [], time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    ok_ids = [row.id for row in project.catalog.images(status="ok")]
    query = max(ok_ids) if searches % 2 else random.choice(ok_ids)  # often the image just added
    try:
        hits = search(project, "colorhist", image_id=query, k=5)
    except HeritageError as exc:
        if "has no colorhist descriptor" not in str(exc):  # just imported, not described yet: correct
            failures.append(f"{type(exc).__name__}: {exc}")
        continue
    except Exception as exc:
        failures.append(f"{type(exc).__name__}: {exc}")
        continue
    finally:
        searches += 1
    scores = [hit.score for hit in hits]
    exact = {hit.image_id for hit in hits if hit.score > 1 - 1e-4}  # the query, and any exact duplicate
    if (len(hits) != 5 or query not in exact or scores != sorted(scores, reverse=True)
            or not {h.image_id for h in hits} <= {row.id for row in project.catalog.images(status="ok")}):
        failures.append(f"invalid results for {query}: {hits}")
print(json.dumps({"searches": searches, "failures": failures[:10], "failed": len(failures)}))
"""


def test_searching_while_another_process_extracts_and_indexes(sample_csv: Path, tmp_path: Path) -> None:
    project = tmp_path / "P"
    assert cli("import", "--project", project, sample_csv).code == 0
    assert cli("extract", "--project", project, "--method", "colorhist").code == 0
    seconds = "4"
    env = subprocess_env(PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    additions = tmp_path / "additions"
    additions.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(project), seconds, str(additions)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    reader = subprocess.Popen([sys.executable, "-c", _READER, str(project), seconds],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    reader_out, reader_err = reader.communicate(timeout=120)
    writer_out, writer_err = writer.communicate(timeout=120)
    assert writer.returncode == 0, writer_err
    assert reader.returncode == 0, reader_err
    report = json.loads(reader_out)
    assert report["failed"] == 0, report["failures"]
    assert int(writer_out) >= 5 and report["searches"] >= 10, (writer_out, report)
    # and the project is consistent afterwards
    assert len(vectors_by_path(project, "colorhist")) == SAMPLE_COUNT + int(writer_out)
    assert open_project(project).catalog.count_images() == {"ok": SAMPLE_COUNT + int(writer_out)}


def test_two_imports_into_one_new_project_at_once(sample_csv: Path, tmp_path: Path) -> None:
    """Both create the catalog and write to it (SQLite WAL, busy timeout): each image is recorded once."""
    project = tmp_path / "P"
    command = cli_command("import", "--project", project, sample_csv, "--json")
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=subprocess_env()) for _ in range(2)]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert sum(json.loads(out)["new_or_changed"] for out, _ in outputs) == SAMPLE_COUNT  # split, never doubled
    catalog = open_project(project).catalog
    assert catalog.count_images() == {"ok": SAMPLE_COUNT}
    assert catalog.query("PRAGMA integrity_check")[0][0] == "ok"
    assert len(catalog.query("SELECT id FROM collections")) == 1

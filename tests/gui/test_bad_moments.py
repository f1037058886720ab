"""Bad moments, not only bad files (issue #16 part 5): the project folder moved away or made read-only
while the window has it open, the disk refusing a store's file, the extraction child killed.

Each time, on the real window and real project: a clear message in the window (never a
traceback), nothing lost of what was saved before, and the window goes on working.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
from pathlib import Path

import pytest

from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore
from heritage_explorer.descriptors.registry import create_extractor
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.extract import interrupted_extractions
from heritage_explorer.pipeline.store import DescriptorStore
from tests.gui.busy_project import (
    IMAGES,
    FrozenAtFirstBatch,
    copy_project,
    open_window,
    process_gone,
    temp_files,
)
from tests.gui.tiny_project import SPEC, tiny_project


def _message(window) -> str:
    text = window.message_bar.label.text()
    assert "Traceback" not in text and "unexpected error" not in text, text
    return text


def _flags_saved(root: Path, image_id: int) -> frozenset:
    catalog = open_project(root).catalog
    return AnnotationStore(catalog).get(catalog.image(image_id).group).flags.get(image_id, frozenset())


def _idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.is_busy() and window.thumbnails_settled(), timeout=30_000)


def _search_shows_results(qtbot, window, row: int) -> None:
    window.search_view.clear()
    window.query_image(window.catalog_model.image_id_at(row))
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() > 0, timeout=30_000)


@pytest.mark.parametrize("how", ["moved", "deleted"])
def test_project_folder_removed_whileopen_window(qtbot, settings, tmp_path, how) -> None:
    root = tiny_project(tmp_path)
    window = open_window(qtbot, settings, root)
    image = window.catalog_model.image_id_at(0)
    assert window.edits.set_flags(image, [VARIATIONS[0]])
    _search_shows_results(qtbot, window, 1)  # the index is built and saved
    _idle(qtbot, window)
    moved = tmp_path / "moved" / "P"
    moved.parent.mkdir()
    if how == "moved":
        shutil.move(root, moved)  # renamed while open, the way a file manager moves it
    else:
        shutil.rmtree(root)  # an open SQLite connection would go on writing into the deleted file

    undo_count = window.edits.stack.count()
    assert not window.edits.set_flags(image, [VARIATIONS[1]])
    assert "was moved, renamed or deleted while it was open" in _message(window)
    assert window.edits.stack.count() == undo_count  # no edit pretends to be saved
    window.message_bar.hide()
    assert window.extraction.start([SPEC]) is None
    assert "moved, renamed or deleted" in _message(window)
    window.query_image(window.catalog_model.image_id_at(2))
    qtbot.waitUntil(lambda: "moved, renamed or deleted" in window.search_view.caption.text(), timeout=10_000)
    window.import_source(str(tmp_path / "list.csv"))
    qtbot.waitUntil(lambda: window.import_job is None, timeout=10_000)
    assert "moved, renamed or deleted" in _message(window)
    _idle(qtbot, window)
    assert not root.exists(), "something made the removed project's folders again"

    if how == "deleted":  # the window goes on with another project
        moved = tiny_project(tmp_path / "other")
        assert window.open_project(moved)
        qtbot.waitUntil(lambda: not window.catalog_loading, timeout=10_000)
        assert window.edits.set_flags(image, [VARIATIONS[0]])
    assert _flags_saved(moved, image) == {VARIATIONS[0]}  # what was saved went with the folder
    assert window.open_project(moved)  # and the window opens it where it is now
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=10_000)
    assert window.edits.set_flags(image, [VARIATIONS[0], VARIATIONS[2]])
    assert _flags_saved(moved, image) == {VARIATIONS[0], VARIATIONS[2]}
    _search_shows_results(qtbot, window, 2)


def _chmod_tree(root: Path, writable: bool) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def test_project_made_read_only_whileopen_window(qtbot, settings, tmp_path) -> None:
    root = tiny_project(tmp_path)
    window = open_window(qtbot, settings, root)
    image = window.catalog_model.image_id_at(0)
    assert window.edits.set_flags(image, [VARIATIONS[0]])
    _idle(qtbot, window)  # the thumbnail writer's temporary files are renamed away while _chmod_tree walks
    _chmod_tree(root, writable=False)
    try:
        assert not window.edits.set_flags(image, [VARIATIONS[1]])
        assert "was made read-only while it was open" in _message(window)
        assert window.extraction.start([SPEC]) is None
        assert "made read-only" in _message(window)
        _search_shows_results(qtbot, window, 1)  # browsing and search go on (the index stays in memory)
        assert _flags_saved(root, image) == {VARIATIONS[0]}
    finally:
        _idle(qtbot, window)
        _chmod_tree(root, writable=True)
    assert window.edits.set_flags(image, [VARIATIONS[1]])  # writable again: saved again
    assert _flags_saved(root, image) == {VARIATIONS[1]}


def test_disk_refuses_a_store_file_during_extraction(qtbot, settings, busy, tmp_path) -> None:
    """The extraction child may not write a file over 256 KiB (RLIMIT_FSIZE): the kernel refuses
    the store's 600 KB vectors.npy with EFBIG, as a full disk refuses it with ENOSPC."""
    root = copy_project(busy, tmp_path)
    window = open_window(qtbot, settings, root)
    _idle(qtbot, window)
    limit = 256 * 1024
    assert IMAGES * create_extractor(SPEC).dim * 4 > limit > 16 * create_extractor(SPEC).dim * 4
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))  # the child inherits it when spawned
    try:
        job = window.extraction.start([SPEC])
        qtbot.waitUntil(lambda: job.pid is not None, timeout=10_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    qtbot.waitUntil(lambda: not window.extraction.running, timeout=60_000)
    text = _message(window)
    assert "vectors.npy: cannot be written: the file would be larger than" in text, text
    assert "The batches finished before are kept: press Resume" in text
    assert temp_files(root) == []
    assert interrupted_extractions(open_project(root)) and window.extraction.start_button.text() == "Resume"

    summary_job = window.extraction.start([SPEC])  # room again: the kept batches are not computed again
    assert summary_job is not None
    qtbot.waitUntil(lambda: not window.extraction.running, timeout=60_000)
    summary = window.extraction.last_summary
    assert summary is not None, window.message_bar.label.text()
    assert summary.reused[SPEC] == IMAGES and summary.computed.get(SPEC, 0) == 0
    assert len(DescriptorStore(open_project(root).descriptor_dir(SPEC)).load(verify=True)) == IMAGES
    _search_shows_results(qtbot, window, 5)


def test_extraction_worker_killed(qtbot, settings, busy, tmp_path) -> None:
    root = copy_project(busy, tmp_path)
    window = open_window(qtbot, settings, root)
    job = window.extraction.start([SPEC])
    frozen = FrozenAtFirstBatch(job)
    qtbot.waitUntil(frozen.frozen.is_set, timeout=30_000)
    pid = job.pid
    os.kill(pid, signal.SIGKILL)  # what the out-of-memory killer does
    qtbot.waitUntil(lambda: not window.extraction.running, timeout=30_000)
    text = _message(window)
    assert "killed by SIGKILL" in text and "press Resume to continue" in text
    assert process_gone(pid)
    kept = DescriptorStore(open_project(root).descriptor_dir(SPEC)).load(include_chunks=True, verify=True)
    assert 0 < len(kept) < IMAGES
    assert window.extraction.start_button.text() == "Resume"

    window.extraction.start([SPEC])  # the window goes on: Resume completes it from the kept batches
    qtbot.waitUntil(lambda: not window.extraction.running, timeout=60_000)
    summary = window.extraction.last_summary
    assert summary is not None, window.message_bar.label.text()
    assert summary.reused[SPEC] >= len(kept) and summary.computed[SPEC] + summary.reused[SPEC] == IMAGES
    _search_shows_results(qtbot, window, 7)


def test_an_edit_the_disk_refuses_is_said_and_not_kept_as_done(qtbot, settings, tmp_path) -> None:
    """While this process may not grow any file (RLIMIT_FSIZE of one byte, for one edit), the
    catalog's write fails inside the undo command: said in the message bar, not on the undo stack."""
    root = tiny_project(tmp_path)
    window = open_window(qtbot, settings, root)
    image = window.catalog_model.image_id_at(0)
    assert window.edits.set_flags(image, [VARIATIONS[0]])
    _idle(qtbot, window)  # no thumbnail being cached meanwhile
    undo_count = window.edits.stack.count()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, hard))
    try:
        saved = window.edits.set_flags(image, [VARIATIONS[1]])
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert not saved
    text = _message(window)
    assert "was not saved: the file would be larger than" in text and "everything saved before is kept" in text
    assert window.edits.stack.count() == undo_count
    assert _flags_saved(root, image) == {VARIATIONS[0]}
    assert window.edits.set_flags(image, [VARIATIONS[2]])  # room again: the next edit is saved
    assert _flags_saved(root, image) == {VARIATIONS[2]}
    window.edits.stack.undo()
    assert _flags_saved(root, image) == {VARIATIONS[0]}


def test_a_child_that_cannot_start_ends_its_job(qtbot, window) -> None:
    """Arguments that do not pickle (or no process to be had) fail the job with a message; the
    runner is not left busy for ever with a job that never ends."""
    from heritage_explorer.gui.workers import ProcessJob

    failures: list[str] = []
    job = ProcessJob("extraction", "heritage_explorer.gui.child:extract_project", lambda: None, [SPEC])
    window.runner.start(job, on_failed=failures.append)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)
    assert len(failures) == 1 and failures[0].startswith("extraction: the worker process could not run")
    assert "Traceback" not in failures[0]

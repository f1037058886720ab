"""Closing the window while a job runs ends it cleanly, and reopening shows the same state (issue #16 part 4).

Real window, real project of 1200 images, real extraction child, real index and thumbnail cache:
after the close no child process is left (not even a zombie), no job thread runs, no temp file of
an interrupted write is left, every store and index passes its integrity check, and the reopened
project resumes the extraction from the batches it kept.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from heritage_explorer.gui.thumbnail_loader import read_stamp
from heritage_explorer.index.backends import load_index
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.extract import interrupted_extractions
from heritage_explorer.pipeline.methods import extract_any
from heritage_explorer.pipeline.store import DescriptorStore
from tests.gui.busy_project import (
    IMAGES,
    FrozenAtFirstBatch,
    busy_project,
    copy_project,
    open_window,
    process_gone,
    temp_files,
)
from tests.gui.tiny_project import SPEC


@pytest.fixture(scope="module")
def busy_extracted(tmp_path_factory):
    root = busy_project(tmp_path_factory.mktemp("busy_extracted"))
    extract_any(open_project(root), [SPEC])
    return root


def _jobs_ended(window) -> None:
    assert window.runner.pool.activeThreadCount() == 0
    assert window.loader.pool.activeThreadCount() == 0


def test_close_during_extraction_then_resume(qtbot, settings, busy, tmp_path) -> None:
    root = copy_project(busy, tmp_path)
    window = open_window(qtbot, settings, root)
    window.extraction.set_checked([SPEC])
    job = window.extraction.start()
    frozen = FrozenAtFirstBatch(job)
    qtbot.waitUntil(frozen.frozen.is_set, timeout=30_000)
    pid = job.pid
    frozen.thaw_in(0.5)  # the child sees the cancel the close sends once it runs again
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 15, "closing waited for the child's timeout instead of its cancel"
    assert process_gone(pid), "the extraction child outlived the window (or is a zombie)"
    _jobs_ended(window)
    assert temp_files(root) == []
    store = DescriptorStore(open_project(root).descriptor_dir(SPEC))
    kept = store.load(include_chunks=True, verify=True)
    assert 0 < len(kept) < IMAGES
    assert list(interrupted_extractions(open_project(root))) == [SPEC]

    reopened = open_window(qtbot, settings, root)
    panel = reopened.extraction
    assert panel.start_button.text() == "Resume"
    assert SPEC in panel.interrupted_label.text() and panel.interrupted_label.isVisibleTo(panel)
    assert SPEC in panel.checked_methods()
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    summary = panel.last_summary
    assert summary is not None, reopened.message_bar.label.text()
    assert summary.reused[SPEC] >= len(kept)  # what the closed window kept is not computed again
    assert summary.computed[SPEC] + summary.reused[SPEC] == IMAGES
    assert len(store.load(verify=True)) == IMAGES
    assert panel.start_button.text() == "Extract" and not panel.interrupted_label.isVisibleTo(panel)
    reopened.close()


def test_close_during_search_and_index_build(qtbot, settings, busy_extracted, tmp_path) -> None:
    root = copy_project(busy_extracted, tmp_path)
    window = open_window(qtbot, settings, root)
    window.query_image(window.catalog_model.image_id_at(3))  # builds the index of 1200 vectors first
    assert window.runner.is_busy()
    window.close()
    _jobs_ended(window)
    assert temp_files(root) == []
    index_dir = open_project(root).index_dir(SPEC)
    if (index_dir / "index.json").exists():  # saved whole, or not at all
        index = load_index(index_dir)
        assert len(index) == IMAGES

    reopened = open_window(qtbot, settings, root)
    reopened.query_image(reopened.catalog_model.image_id_at(3))
    qtbot.waitUntil(lambda: reopened.search_view.model.rowCount() > 0, timeout=30_000)
    assert len(load_index(index_dir)) == IMAGES
    reopened.close()


def test_close_during_thumbnail_batch(qtbot, settings, busy, tmp_path) -> None:
    root = copy_project(busy, tmp_path)
    window = open_window(qtbot, settings, root)
    window.set_thumbnail_size(64)  # more cells on screen: a bigger batch in flight
    qtbot.waitUntil(lambda: window.loader.pending_count() > 0, timeout=10_000)
    loader = window.loader
    window.close()
    assert loader.is_idle() and loader.pool.activeThreadCount() == 0
    cache = settings.thumbnail_dir(root, root / "cache")
    assert temp_files(root) == [] and temp_files(cache) == []
    hashes = set(open_project(root).catalog.content_hashes().values())
    for cached in cache.rglob("*.jpg"):  # each file whole, stamped with the image it shows
        assert read_stamp(cached) in hashes, cached

    reopened = open_window(qtbot, settings, root)
    qtbot.waitUntil(reopened.thumbnails_settled, timeout=30_000)
    reopened.close()


_WINDOW_PROCESS = """
import os, signal, sys, time
import multiprocessing
from heritage_explorer.gui.child import run_in_child

if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    reports, cancel = context.Queue(), context.Event()
    child = context.Process(target=run_in_child, daemon=True, args=(
        "heritage_explorer.gui.child:extract_project", (sys.argv[1], [sys.argv[2]]), {}, reports, cancel))
    child.start()
    while True:
        kind, payload = reports.get(timeout=60)
        if kind == "progress" and payload.done > 0:
            os.kill(child.pid, signal.SIGSTOP)  # frozen at its first batch, as the GUI tests do
            print(child.pid, flush=True)
            time.sleep(600)  # until the test kills this process, the window's stand-in
"""


def _exited(pid: int) -> bool:
    """Gone, or a zombie waiting for its (new) parent to reap it: either way no longer running."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_the_extraction_child_does_not_outlive_a_killed_window(busy, tmp_path) -> None:
    """The window's process is SIGKILLed (a crash): its extraction child cancels itself, keeps its
    batches, releases the store's lock and exits, instead of running on as an orphan."""
    root = copy_project(busy, tmp_path)
    window = subprocess.Popen([sys.executable, "-c", _WINDOW_PROCESS, str(root), SPEC], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    try:
        pid = int(window.stdout.readline())
        window.kill()
        window.wait(timeout=10)
        os.kill(pid, signal.SIGCONT)
        deadline = time.monotonic() + 30
        while not _exited(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _exited(pid), "the extraction child runs on after its window died"
    finally:
        window.kill()
        window.wait()
    project = open_project(root)
    store = DescriptorStore(project.descriptor_dir(SPEC))
    with store.writer_lock(SPEC):  # released: a new extraction may start at once
        kept = store.load(include_chunks=True, verify=True)
    assert 0 < len(kept) < IMAGES
    assert temp_files(root) == []
    summary = extract_any(project, [SPEC])
    assert summary.reused[SPEC] >= len(kept) and len(store.load(verify=True)) == IMAGES


def test_a_thumbnail_write_a_killed_process_left_is_removed_on_reopen(qtbot, settings, busy, tmp_path) -> None:
    from heritage_explorer.gui.thumbnail_loader import INCOMING, INCOMING_GRACE_S

    root = copy_project(busy, tmp_path)
    incoming = settings.thumbnail_dir(root, root / "cache") / INCOMING
    incoming.mkdir(parents=True)
    left = incoming / ".thumb.killed"
    left.write_bytes(b"\xff\xd8 half a thumbnail")
    old = time.time() - INCOMING_GRACE_S - 60
    os.utime(left, (old, old))
    writing = incoming / ".thumb.another-window-writes-it-now"
    writing.write_bytes(b"\xff\xd8")
    window = open_window(qtbot, settings, root)
    qtbot.waitUntil(lambda: not left.exists(), timeout=10_000)
    qtbot.waitUntil(window.thumbnails_settled, timeout=30_000)
    assert writing.exists()
    window.close()

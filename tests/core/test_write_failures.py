"""A write that fails half-way (disk full, file too large, folder gone) leaves the previous file
whole, no temp file, and a clear error naming the file and the reason (issue #16 part 5)."""

from __future__ import annotations

import errno
import os
import pickle
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from heritage_explorer.core import atomic
from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import HeritageError, WriteFailedError


class _DiskFillsUp:
    """A real file object that writes ``room`` bytes to the disk, then fails as a full disk does."""

    def __init__(self, fh, room: int):
        self._fh, self._room = fh, room

    def write(self, data) -> int:
        data = bytes(data)
        if len(data) > self._room:
            self._fh.write(data[: self._room])
            self._fh.flush()
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._fh.write(data)

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._fh.close()


def test_disk_full_keeps_the_previous_file_and_says_why(tmp_path, monkeypatch) -> None:
    target = tmp_path / "store" / "vectors.npy"
    atomic_write_bytes(target, b"the vectors saved before")
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode="r", *a, **k: _DiskFillsUp(real_fdopen(fd, mode), 100))

    with pytest.raises(WriteFailedError) as caught:
        atomic_write_bytes(target, b"x" * 10_000)

    error = caught.value
    assert isinstance(error, HeritageError) and isinstance(error, OSError)
    assert error.errno == errno.ENOSPC
    assert str(target) in str(error) and "no space left on the disk" in str(error)
    assert "Traceback" not in str(error) and "Errno" not in str(error)
    assert target.read_bytes() == b"the vectors saved before"
    assert sorted(p.name for p in target.parent.iterdir()) == ["vectors.npy"]  # no temp file left
    assert str(pickle.loads(pickle.dumps(error))) == str(error)  # crosses the child's queue as it is


def test_a_vanished_folder_is_named(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(atomic.tempfile, "mkstemp", _raising(errno.ENOENT))
    with pytest.raises(WriteFailedError, match="its folder is gone"):
        atomic_write_bytes(tmp_path / "x.json", b"{}")


def _raising(number: int):
    def fail(*_args, **_kwargs):
        raise OSError(number, os.strerror(number))
    return fail


_CHILD = """
import sys
from heritage_explorer.core.atomic import atomic_write_bytes
from heritage_explorer.core.errors import WriteFailedError
try:
    atomic_write_bytes(sys.argv[1], b"y" * 1_000_000)
except WriteFailedError as exc:
    print(exc.errno, exc, sep="|")
"""


def test_file_size_limit_of_a_real_process(tmp_path) -> None:
    """RLIMIT_FSIZE makes the kernel itself refuse the write (EFBIG), in a real child process."""
    target = tmp_path / "index.bin"
    target.write_bytes(b"the index saved before")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the writer
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))

    done = subprocess.run([sys.executable, "-c", _CHILD, str(target)], capture_output=True, text=True,
                          preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
                          timeout=60)
    assert done.returncode == 0, done.stderr
    number, _, message = done.stdout.strip().partition("|")
    assert int(number) == errno.EFBIG
    assert f"{target}: cannot be written: the file would be larger" in message
    assert target.read_bytes() == b"the index saved before"
    assert [p.name for p in tmp_path.iterdir()] == ["index.bin"]


_INDEX_CHILD = """
import sys
import numpy as np
from heritage_explorer.core.errors import WriteFailedError
from heritage_explorer.index.hnsw import HnswIndex
vectors = np.random.default_rng(0).standard_normal((2000, 64)).astype(np.float32)
index = HnswIndex(64)
index.add(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), np.arange(2000))
try:
    index.save(sys.argv[1], {"spec": "test"})
except WriteFailedError as exc:
    print(exc.errno, exc, sep="|")
"""


def test_a_short_index_file_is_never_stamped_whole(tmp_path) -> None:
    """hnswlib reports no failed write: the index's file, cut short by the kernel, must not be
    renamed into place with a checksum that makes it look whole."""
    (tmp_path / "index.bin").write_bytes(b"the index saved before")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, resource.RLIM_INFINITY))  # ~700 KB needed

    done = subprocess.run([sys.executable, "-c", _INDEX_CHILD, str(tmp_path)], capture_output=True, text=True,
                          preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    number, _, message = done.stdout.strip().partition("|")
    assert int(number) == errno.EFBIG, message
    assert f"{tmp_path / 'index.bin'}: cannot be written" in message
    assert (tmp_path / "index.bin").read_bytes() == b"the index saved before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.bin"]  # no temp file, no index.json


_CATALOG_CHILD = """
import sys
from heritage_explorer.core.catalog import Catalog
from heritage_explorer.core.errors import ProjectError
catalog = Catalog(sys.argv[1])
try:
    catalog.start_run("evaluation", None, {"notes": "x" * 2_000_000})
except ProjectError as exc:
    print(exc)
"""


def test_a_catalog_write_refused_by_the_kernel_is_said_and_rolled_back(tmp_path) -> None:
    from heritage_explorer.core.catalog import Catalog

    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    run = catalog.start_run("evaluation", None, {"notes": "saved before"})
    catalog.close()

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (512 * 1024, resource.RLIM_INFINITY))

    done = subprocess.run([sys.executable, "-c", _CATALOG_CHILD, str(path)], capture_output=True, text=True,
                          preexec_fn=limit, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"{path}: this change was not saved: the file would be larger than" in done.stdout, done.stdout
    assert "everything saved before is kept" in done.stdout
    assert [r["id"] for r in Catalog(path).runs()] == [run]

"""Checksums verified once per file version: stamps skip the re-hash, any change forces it."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core import integrity
from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.core.integrity import STAMP_FILE, verify_sha256
from heritage_explorer.index.hnsw import INDEX_FILE, HnswIndex
from tests.reliability.helpers import flip_byte


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files actually hashed (the real sha256 runs; the list records each call)."""
    calls: list[Path] = []
    real = integrity.sha256_file

    def counting(path):
        calls.append(Path(path))
        return real(path)

    monkeypatch.setattr(integrity, "sha256_file", counting)
    return calls


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks run as if 10 s after the files were written (past the racy-timestamp margin)."""
    monkeypatch.setattr(integrity, "_now_ns", lambda: time.time_ns() + 10_000_000_000)


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _next_tick() -> None:
    time.sleep(0.05)  # file times have a coarse tick: make the next change land on a later one


def test_freshly_written_file_is_hashed_every_time(tmp_path: Path, hashed: list[Path]) -> None:
    digest = _write(tmp_path / "f.bin", b"x" * 1000)
    assert verify_sha256(tmp_path / "f.bin", digest) and verify_sha256(tmp_path / "f.bin", digest)
    assert len(hashed) == 2 and not (tmp_path / STAMP_FILE).exists()


def test_unchanged_file_is_hashed_once_and_any_change_is_caught(
    tmp_path: Path, hashed: list[Path], settled: None
) -> None:
    path = tmp_path / "f.bin"
    digest = _write(path, b"x" * 1000)
    assert verify_sha256(path, digest)
    assert verify_sha256(path, digest) and verify_sha256(path, digest)
    assert len(hashed) == 1 and (tmp_path / STAMP_FILE).exists()
    assert verify_sha256(path, digest, full=True) and len(hashed) == 2

    _next_tick()
    with open(path, "r+b") as fh:  # same size, one byte different
        fh.seek(500)
        fh.write(b"y")
    assert not verify_sha256(path, digest)
    assert len(hashed) == 3


def test_replaced_or_copied_file_is_hashed_again(tmp_path: Path, hashed: list[Path], settled: None) -> None:
    path = tmp_path / "a" / "f.bin"
    path.parent.mkdir()
    digest = _write(path, b"z" * 5000)
    assert verify_sha256(path, digest) and verify_sha256(path, digest) and len(hashed) == 1
    copy = tmp_path / "b"
    shutil.copytree(path.parent, copy)  # mtime and the stamp file travel along; inode and ctime do not
    assert verify_sha256(copy / "f.bin", digest) and len(hashed) == 2
    other = tmp_path / "other.bin"
    _write(other, b"z" * 5000)
    os.replace(other, path)  # same content and size, another inode
    assert verify_sha256(path, digest) and len(hashed) == 3


def test_stamp_is_tied_to_the_expected_digest(tmp_path: Path, hashed: list[Path], settled: None) -> None:
    path = tmp_path / "f.bin"
    digest = _write(path, b"abc" * 100)
    assert verify_sha256(path, digest)
    assert not verify_sha256(path, "0" * 64)  # another recorded checksum: hashed, and refused
    assert len(hashed) == 2
    (tmp_path / STAMP_FILE).write_text("{not json")
    assert verify_sha256(path, digest) and len(hashed) == 3


def test_index_damaged_after_a_verified_load_is_refused(tmp_path: Path, hashed: list[Path], settled: None) -> None:
    vectors = np.random.default_rng(1).standard_normal((500, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = HnswIndex(16)
    index.add(vectors, np.arange(500))
    index.save(tmp_path, {"spec": "x"})
    HnswIndex.load(tmp_path)
    HnswIndex.load(tmp_path)
    assert hashed == [tmp_path / INDEX_FILE]  # the second load trusted the stamp
    _next_tick()
    path = tmp_path / INDEX_FILE
    flip_byte(path, path.stat().st_size // 2)
    with pytest.raises(CorruptArtefactError, match=f"{INDEX_FILE}: checksum mismatch"):
        HnswIndex.load(tmp_path)

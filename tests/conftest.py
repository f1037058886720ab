"""Shared fixtures: the awkward-image corpus, and paths to the benchmark collections in
../shared/data (skipped when absent)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.image_corpus import Expected, build_corpus

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_DATA = Path(os.environ.get("HERITAGE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def shared_collection(name: str) -> Path:
    """The groups.csv of a shared benchmark collection, or skip the test saying what is missing."""
    csv = SHARED_DATA / name / "groups.csv"
    if not csv.exists():
        pytest.skip(f"shared benchmark data absent: {csv} (set HERITAGE_SHARED_DATA to its folder)")
    return csv


@pytest.fixture(scope="session")
def bad_input_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Expected]]]:
    """(folder, {relative path: Expected}) — the awkward-input corpus of ``tests/image_corpus.py``, read-only."""
    folder = tmp_path_factory.mktemp("bad_input")
    expected = build_corpus(folder)
    yield folder, expected
    os.chmod(folder / "unreadable.jpg", 0o600)

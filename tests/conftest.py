"""Shared fixtures: the awkward-image corpus, paths to the benchmark collections in
../shared/data (skipped when absent), a method's weights (skipped when absent), and strecha_mvs
with seeded near-duplicate copies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.image_corpus import Expected, build_corpus

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("HERITAGE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def shared_collection(name: str) -> Path:
    """The groups.csv of a shared benchmark collection, or skip the test saying what is missing."""
    csv = SHARED_DATA / name / "groups.csv"
    if not csv.exists():
        pytest.skip(f"shared benchmark data absent: {csv} (set HERITAGE_SHARED_DATA to its folder)")
    return csv


def require_weights(spec: str = "efflite0-gem") -> None:
    """Skip the test when the method's weights are absent (they are fetched, not shipped)."""
    from heritage_explorer.descriptors.registry import list_methods

    if not next(m for m in list_methods() if m.spec == spec).available:
        pytest.skip(f"{spec} weights absent (see 'heritage-explorer weights')")


def strecha_copies(folder: Path, *, originals: int, copies: int, seed: int) -> dict:
    """strecha_mvs originals with seeded copies written into ``folder`` by
    ``scripts/make_near_duplicate_set.py`` (its ``groups.csv``, to import), and the copies' truth
    (``truth_copies.json``); skips when strecha_mvs or the efflite0-gem weights are absent."""
    collection = shared_collection("strecha_mvs").parent
    require_weights("efflite0-gem")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_near_duplicate_set.py"), str(folder),
                    str(collection), "--originals", str(originals), "--copies", str(copies), "--seed", str(seed)],
                   check=True)
    return json.loads((folder / "truth_copies.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def bad_input_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Expected]]]:
    """(folder, {relative path: Expected}) — the awkward-input corpus of ``tests/image_corpus.py``, read-only."""
    folder = tmp_path_factory.mktemp("bad_input")
    expected = build_corpus(folder)
    yield folder, expected
    os.chmod(folder / "unreadable.jpg", 0o600)

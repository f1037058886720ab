"""Shared fixtures: paths to the benchmark collections in ../shared/data (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_DATA = Path(os.environ.get("HERITAGE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def shared_collection(name: str) -> Path:
    """The groups.csv of a shared benchmark collection, or skip the test saying what is missing."""
    csv = SHARED_DATA / name / "groups.csv"
    if not csv.exists():
        pytest.skip(f"shared benchmark data absent: {csv} (set HERITAGE_SHARED_DATA to its folder)")
    return csv

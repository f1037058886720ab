"""Fixtures of the reliability tests: small projects built through the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.reliability.helpers import SAMPLE, SYNTHETIC_COUNT, cli, write_synthetic_collection


@pytest.fixture(scope="session")
def synthetic_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``SYNTHETIC_COUNT`` distinct 640×480 JPEGs (read-only)."""
    return write_synthetic_collection(tmp_path_factory.mktemp("synthetic") / "images", SYNTHETIC_COUNT)


@pytest.fixture
def sample_csv(tmp_path: Path) -> Path:
    """A private copy of the bundled sample collection (31 images in 10 classes), safe to modify."""
    shutil.copytree(SAMPLE, tmp_path / "sample")
    return tmp_path / "sample" / "collection.csv"


@pytest.fixture
def sample_project(tmp_path: Path, sample_csv: Path) -> Path:
    """A project holding the sample copy with its colorhist descriptors extracted."""
    project = tmp_path / "P"
    assert cli("import", "--project", project, sample_csv).code == 0
    assert cli("extract", "--project", project, "--method", "colorhist").code == 0
    return project

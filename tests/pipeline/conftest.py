"""Pipeline test fixtures: the adaptation tests' synthetic collection, 5 textured scenes in 3 views
each (``tests/pipeline/test_local.write_scenes``): 15 images, the 15 pairs of views of a scene planted.
Module-scoped: each test module adapts a project of its own (a module may define its own
``collection`` or ``project_root`` instead). Also the check that an unsupervised adaptation never
reads the labels: the same listing imported with its labels shuffled adapts bit-identically."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.pipeline import adapt as A
from heritage_explorer.pipeline import import_source, open_project
from heritage_explorer.pipeline.search import current_vectors
from tests.pipeline.test_local import write_scenes

SCENES = range(5)


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The groups.csv of the scenes (groups = scenes)."""
    return write_scenes(tmp_path_factory.mktemp("collection"), SCENES)


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory, collection: Path) -> Path:
    """A project with the scenes imported, nothing extracted."""
    project = open_project(tmp_path_factory.mktemp("project") / "P", create=True)
    import_source(project, str(collection))
    return project.root


@contextmanager
def labels_shuffled(project, collection: Path) -> Iterator[list[str]]:
    """``collection`` imported again into ``project`` with every label shuffled (seeded), the same
    images otherwise; the true labels written and imported back at the end, for the other tests."""
    with open(collection, newline="") as fh:
        rows = list(csv.reader(fh))
    groups = [r[1] for r in rows[1:]]
    shuffled = [str(g) for g in np.random.default_rng(3).permutation(groups + ["x", "y"])][: len(groups)]
    assert shuffled != groups
    original = collection.read_bytes()
    with open(collection, "w", newline="") as fh:
        csv.writer(fh).writerows([rows[0], *([r[0], g, r[2]] for r, g in zip(rows[1:], shuffled, strict=True))])
    try:
        import_source(project, str(collection))
        assert [row.group for row in project.catalog.images()] == shuffled
        yield shuffled
    finally:
        collection.write_bytes(original)
        import_source(project, str(collection))


def assert_same_adaptation(project, before: str, after: str) -> None:
    """The two adaptations' learned whitening and adapted vectors are bit-identical."""
    with np.load(project.root / "adapt" / before / A.ADAPTATION_FILE) as a, \
            np.load(project.root / "adapt" / after / A.ADAPTATION_FILE) as b:
        for key in ("mean", "projection", "eigenvalues"):
            assert a[key].tobytes() == b[key].tobytes(), key
    first = np.asarray(current_vectors(project, f"efflite0-gem+adapt:{before}").vectors)
    second = np.asarray(current_vectors(project, f"efflite0-gem+adapt:{after}").vectors)
    assert first.tobytes() == second.tobytes()

"""Pipeline test fixtures: the adaptation tests' synthetic collection, 5 textured scenes in 3 views
each (``tests/pipeline/test_local.write_scenes``): 15 images, the 15 pairs of views of a scene planted.
Module-scoped: each test module adapts a project of its own (a module may define its own
``collection`` or ``project_root`` instead)."""

from __future__ import annotations

from pathlib import Path

import pytest

from heritage_explorer.pipeline import import_source, open_project
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

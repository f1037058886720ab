"""Cancelling an index update (closing the window while a search builds it) leaves the files on disk
as they were (issue #16 part 4)."""

from __future__ import annotations

import pytest

from heritage_explorer.core.errors import CancelledError
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.search import build_index, search
from tests.gui.tiny_project import SPEC, tiny_project


def _cancelled() -> CancelToken:
    token = CancelToken()
    token.cancel()
    return token


def test_a_cancelled_build_writes_nothing_and_keeps_the_saved_index(tmp_path) -> None:
    project = open_project(tiny_project(tmp_path))
    directory = project.index_dir(SPEC)
    with pytest.raises(CancelledError):
        search(project, SPEC, image_id=1, k=3, cancel=_cancelled())
    assert not directory.exists() or sorted(p.name for p in directory.iterdir()) == [".lock"]

    build_index(project, SPEC)
    saved = {p.name: p.read_bytes() for p in directory.iterdir()}
    with pytest.raises(CancelledError):
        build_index(project, SPEC, rebuild=True, cancel=_cancelled())
    assert {p.name: p.read_bytes() for p in directory.iterdir()} == saved
    assert [hit.image_id for hit in search(project, SPEC, image_id=1, k=3)][0] == 1

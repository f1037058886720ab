"""External images are described in the describer's child process, never in the GUI process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.gui.describer import ExternalDescriber
from heritage_explorer.pipeline import describe_external, extract_methods, import_source, open_project, search
from heritage_explorer.pipeline.comparison import compare_methods

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
K = 5


@pytest.fixture(scope="module")
def colorhist_project(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("describer")
    shutil.copytree(SAMPLE, base / "sample")
    project = open_project(base / "P", create=True)
    import_source(project, str(base / "sample" / "collection.csv"))
    extract_methods(project, ["colorhist"])
    return project.root


@pytest.fixture
def explorer(window, colorhist_project, qtbot):
    window.settings.compare_methods = ["colorhist"]
    window.settings.search_method = "colorhist"
    window.settings.k = K
    window.query_strip.k_spin.setValue(K)
    assert window.open_project(colorhist_project)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    return window


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _top_name(window) -> str:
    return Path(window.catalog_model.source_of(window.search_view.model.items[0].image_id)[0]).name


def test_external_queries_are_described_in_one_lasting_child(explorer, qtbot) -> None:
    window = explorer
    window.query_file(SAMPLE / "images" / "coffee_crop.jpg")
    qtbot.waitUntil(lambda: window.search_view.model.rowCount() == K and len(window.compare_view.rows) == 1
                    and not window.runner.is_busy(), timeout=60_000)
    assert _top_name(window) == "coffee_crop.jpg", "the catalog's copy of the file comes first"
    pid = window.describer.pid
    assert pid is not None and pid != os.getpid() and _alive(pid)

    window.query_file(SAMPLE / "images" / "coffee_mirror.jpg")
    qtbot.waitUntil(lambda: not window.runner.is_busy() and _top_name(window) == "coffee_mirror.jpg", timeout=60_000)
    assert window.describer.pid == pid, "the second external query reuses the same child"

    window.query_file(SAMPLE / "images" / "no_such_file.jpg")
    qtbot.waitUntil(lambda: not window.runner.is_busy() and "no_such_file.jpg" in window.message_bar.label.text(),
                    timeout=60_000)
    assert window.describer.pid == pid, "an unreadable file does not end the child"
    window.close()
    assert window.describer.pid is None and not _alive(pid), "closing the window ends the child"


def test_describe_reuses_the_child_restarts_it_and_shutdown_ends_it(colorhist_project) -> None:
    describer = ExternalDescriber()
    path = SAMPLE / "images" / "coffee_crop.jpg"
    try:
        got = describer.describe(colorhist_project, ["colorhist", "no-such-method"], path)
        expected = describe_external(open_project(colorhist_project), "colorhist", path)
        assert np.array_equal(got["colorhist"], expected)
        assert isinstance(got["no-such-method"], str) and "no-such-method" in got["no-such-method"]
        pid = describer.pid
        assert pid is not None and pid != os.getpid()
        with pytest.raises(HeritageError, match="no_project_here"):
            describer.describe(colorhist_project.parent / "no_project_here", ["colorhist"], path)
        assert describer.pid == pid, "an error answer does not end the child"

        os.kill(pid, 9)  # a child that died (killed, out of memory) is started again for the next request
        while describer.pid == pid:
            pass
        again = describer.describe(colorhist_project, ["colorhist"], path)
        assert np.array_equal(again["colorhist"], expected)
        assert describer.pid not in (None, pid)
        pid = describer.pid
        assert pid is not None
    finally:
        describer.shutdown()
    assert describer.pid is None and not _alive(pid)
    with pytest.raises(HeritageError, match="closing"):
        describer.describe(colorhist_project, ["colorhist"], path)


def test_compare_with_given_vectors_matches_describing_the_file(colorhist_project) -> None:
    project = open_project(colorhist_project)
    external = SAMPLE / "images" / "coffee_mirror.jpg"
    vector = describe_external(project, "colorhist", external)
    given = compare_methods(project, ["colorhist"], image_path=external, vectors={"colorhist": vector}, k=K)
    described = compare_methods(project, ["colorhist"], image_path=external, k=K)
    assert given.rows[0].error is None and given.rows[0].top == described.rows[0].top
    assert np.array_equal(given.rows[0].ranking, described.rows[0].ranking)
    assert [i for i, _ in given.rows[0].top] == [h.image_id for h in search(project, "colorhist", query_vector=vector,
                                                                            k=K)]
    failed = compare_methods(project, ["colorhist"], image_path=external, vectors={"colorhist": "unreadable: x"})
    assert failed.rows[0].error == "unreadable: x" and failed.rows[0].top == []



def test_a_child_that_hangs_or_dies_during_a_request_is_a_clear_error(colorhist_project) -> None:
    """A network's first load (torch imported, weights read: seconds) stands for a long request."""
    import threading

    from heritage_explorer.core.errors import CancelledError
    from heritage_explorer.core.jobs import CancelToken

    path = SAMPLE / "images" / "coffee_crop.jpg"
    slow = ["efflite0-gem"]  # describing with it needs no extraction in the project
    describer = ExternalDescriber()
    try:
        with pytest.raises(HeritageError, match="no answer within 0.3 s; the describer process was stopped"):
            describer.describe(colorhist_project, slow, path, timeout_s=0.3)
        assert describer.pid is None, "the child that did not answer was stopped"

        got = describer.describe(colorhist_project, ["colorhist"], path)
        pid = describer.pid
        threading.Timer(0.3, os.kill, (pid, 9)).start()
        with pytest.raises(HeritageError, match=r"describer process ended unexpectedly \(exit code -9\)"):
            describer.describe(colorhist_project, slow, path)

        token = CancelToken()
        threading.Timer(0.3, token.cancel).start()
        with pytest.raises(CancelledError):
            describer.describe(colorhist_project, slow, path, cancel=token)
        again = describer.describe(colorhist_project, ["colorhist"], path)  # after the cancelled one's late answer
        assert set(again) == {"colorhist"} and np.array_equal(again["colorhist"], got["colorhist"])
    finally:
        describer.shutdown()

"""Controllers driven through the session, without a main window (issue #18 part 3): the query
controller searches the session's query by the session's method in the session's project, and
shows the answer in the result view it was given; the window's views write the session."""

from __future__ import annotations

import pytest

from heritage_explorer.gui.describer import ExternalDescriber
from heritage_explorer.gui.models.thumbnails import CatalogModel, read_first_page
from heritage_explorer.gui.query_controller import QueryController
from heritage_explorer.gui.widgets.compare_view import CompareView
from heritage_explorer.gui.widgets.search_view import QueryStrip, SearchView
from heritage_explorer.gui.workers import JobRunner
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.search import search
from heritage_explorer.pipeline.session import Session
from tests.gui.tiny_project import SPEC, tiny_project


@pytest.fixture
def controller(qtbot, qapp, tmp_path):
    project = open_project(tiny_project(tmp_path))
    session, messages = Session(), []
    runner, describer = JobRunner(), ExternalDescriber()
    model = CatalogModel()
    model.set_page(project.catalog, read_first_page(project.catalog))
    strip, results, compare = QueryStrip(k=3), SearchView(), CompareView()
    for widget in (strip, results, compare):
        qtbot.addWidget(widget)
    queries = QueryController(session, runner, describer, model, strip, results, compare, messages.append)
    yield session, queries, results, project, messages
    runner.shutdown()
    describer.shutdown()


def test_the_query_controller_searches_the_session_query_by_the_session_method(controller, qtbot) -> None:
    session, queries, results, project, messages = controller
    first = project.catalog.images()[0].id
    queries.query_image(first)  # no project in the session yet: nothing is searched
    assert results.spec is None
    session.project, session.method = project, SPEC
    queries.query_image(first)
    assert session.query == {"image_id": first}
    expected = [hit.image_id for hit in search(project, SPEC, image_id=first, k=4) if hit.image_id != first][:3]
    qtbot.waitUntil(lambda: results.spec == SPEC and len(results.model.items) == 3, timeout=20_000)
    assert [item.image_id for item in results.model.items] == expected and not messages
    queries.forget()
    assert session.query is None


def test_the_window_writes_the_method_box_and_the_grid_selection_into_its_session(window, qtbot, tmp_path) -> None:
    root = tiny_project(tmp_path)
    assert window.open_project(root)
    session = window.session
    assert session.project is window.project and session.method == SPEC  # the refill is synced
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() == 7, timeout=10_000)
    index = window.catalog_model.index(2, 0)
    window.grid.setCurrentIndex(index)  # a click: the grid selects one image
    assert session.selection == (window.catalog_model.image_id_at(2),)
    window.grid.clearSelection()
    assert session.selection == ()

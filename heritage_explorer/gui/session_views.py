"""The window's views and the :class:`~..pipeline.session.Session` (issue #18 part 3).

The Method box and the grid's selection write the session; the session's observers do what a
change asks (a new method searches the shown query again). The window owns its session, so these
observers live as long as their receivers; a view that closes before the window (the collection
map, a dialog) unsubscribes with what :meth:`Session.observe` returned.
"""

from __future__ import annotations

from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.gui.window_host import WindowHost


def follow_session(window: WindowHost) -> None:
    """Connect the window's Method box and grid selection to its session, and the session to the searches."""
    session = window.session

    def method_chosen(text: str) -> None:  # by the user; a refill (refresh_methods) syncs without this
        if text:
            window.settings.search_method = text
        session.method = text

    window.query_strip.method_combo.currentTextChanged.connect(method_chosen)
    session.observe("method", lambda spec: spec and window.queries.run())
    # the grid's model is set once (CatalogModel resets itself), so its selection model stays the same
    window.grid.selectionModel().selectionChanged.connect(lambda *_: select_from_grid(window))


def select_from_grid(window: WindowHost) -> None:
    """The session's selection: the ids of the grid's selected rows, in row order."""
    rows = sorted(window.grid.selectionModel().selectedRows(), key=lambda index: index.row())
    window.session.selection = [int(index.data(Roles.ImageId)) for index in rows]

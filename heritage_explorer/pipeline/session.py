"""The state of one exploring session, without Qt (issue #18 part 3).

What the app is looking at — the open project, the search method, the query, the selected images
— lives here once, like napari's ``ViewerModel`` or glue's ``Session``. Controllers read and change
it; views observe it (:meth:`Session.observe`) instead of asking each other or the window. Setting a
field to the value it has notifies no one, so a view that writes back what it was told does not
loop. Observers are called synchronously, in the order they subscribed, on the thread that set the
field (the GUI thread in the app).

The query is ``None`` or a dict: ``{"image_id": n}`` (a catalog image), ``{"image_path": p}`` (a file
from outside), plus ``"region"`` (a :class:`~..core.regions.Box`) and ``"region_of"`` (the catalog
image it was drawn on) for a region query. The selection is a tuple of catalog image ids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FIELDS = ("project", "method", "query", "selection")
Observer = Callable[[Any], None]


class _Field:
    """A session attribute whose assignment notifies the field's observers when the value changes."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, session: Session | None, owner: type) -> Any:
        return self if session is None else session._values[self.name]

    def __set__(self, session: Session, value: Any) -> None:
        session._set(self.name, value)


class Session:
    """The open project, the search method, the query and the selection; observable."""

    project = _Field()  # a pipeline.Project, or None
    method = _Field()  # the canonical spec of the search method, "" when there is none
    query = _Field()  # see the module docstring
    selection = _Field()  # tuple of catalog image ids

    def __init__(self) -> None:
        self._values: dict[str, Any] = {"project": None, "method": "", "query": None, "selection": ()}
        self._observers: dict[str, list[Observer]] = {name: [] for name in FIELDS}

    def observe(self, name: str, callback: Observer) -> Callable[[], None]:
        """Call ``callback(new value)`` after each change of ``name``; returns what unsubscribes it
        (a view that closes before the session calls it, so that no call reaches a deleted view)."""
        if name not in self._observers:
            raise KeyError(f"a session has no field {name!r}; it has {', '.join(FIELDS)}")
        self._observers[name].append(callback)
        return lambda: self._unobserve(name, callback)

    def _unobserve(self, name: str, callback: Observer) -> None:
        if callback in self._observers[name]:
            self._observers[name].remove(callback)

    def observers(self, name: str) -> int:
        """How many callbacks observe ``name`` (what a test checks after a view closed)."""
        return len(self._observers[name])

    def _set(self, name: str, value: Any) -> None:
        if name == "selection":
            value = tuple(int(i) for i in value)
        elif name == "method":
            value = value or ""
        old = self._values[name]
        if value is old or (name != "project" and value == old):
            return
        self._values[name] = value
        for callback in list(self._observers[name]):
            callback(value)

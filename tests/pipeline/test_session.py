"""The Qt-free session (issue #18 part 3): fields, observers, no notification without a change."""

from __future__ import annotations

import pytest

from heritage_explorer.core.regions import Box
from heritage_explorer.pipeline.session import FIELDS, Session


def test_each_field_notifies_its_observers_once_per_change_in_subscription_order() -> None:
    session, seen = Session(), []
    session.observe("method", lambda spec: seen.append(("first", spec)))
    session.observe("method", lambda spec: seen.append(("second", spec)))
    session.observe("query", lambda query: seen.append(("query", query)))
    session.method = "efflite0-gem"
    session.method = "efflite0-gem"  # the same value: nobody is told
    session.query = {"image_id": 3, "region": Box(1, 2, 30, 40)}
    session.query = {"image_id": 3, "region": Box(1, 2, 30, 40)}  # equal: nobody is told
    session.method = None  # no method: ""
    assert seen == [("first", "efflite0-gem"), ("second", "efflite0-gem"),
                    ("query", {"image_id": 3, "region": Box(1, 2, 30, 40)}), ("first", ""), ("second", "")]
    assert session.method == "" and session.query["image_id"] == 3


def test_the_project_is_compared_by_identity_and_the_selection_is_a_tuple_of_ids() -> None:
    class Opened:  # two projects equal by value are still two projects
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    session, projects, selections = Session(), [], []
    session.observe("project", projects.append)
    session.observe("selection", selections.append)
    first, second = Opened(), Opened()
    session.project = first
    session.project = second
    session.project = second
    session.selection = [4, 2]
    session.selection = (4, 2)
    assert projects == [first, second] and session.project is second
    assert selections == [(4, 2)] and session.selection == (4, 2)


def test_an_observer_that_unsubscribes_is_not_called_again() -> None:
    session, seen = Session(), []
    stop = session.observe("selection", seen.append)
    session.selection = [1]
    stop()
    stop()  # twice is harmless (a view closed, then its owner too)
    session.selection = [1, 2]
    assert seen == [(1,)] and session.observers("selection") == 0
    assert set(FIELDS) == {"project", "method", "query", "selection"}
    with pytest.raises(KeyError, match="no field 'methods'"):
        session.observe("methods", seen.append)

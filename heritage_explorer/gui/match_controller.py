"""Opens the match view of a result of the grid (issues #18 part 2, #21 part 1).

:class:`MatchController` takes what it needs, not the window: the runner, the describer child,
the result view (whose ``show_matches`` it answers, whose spec and query say what was searched)
and the session (the open project). Each request is one job (:func:`match_pictures`): the pair
through :func:`pipeline.matches.pair_matches` in the runner's thread when stored features (and
OpenCV) suffice, in the describer's child when a network is needed (a file described by XFeat
or DELF, LighterGlue), then both pictures decoded for display.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.gui.describer import ExternalDescriber, MatchTask
from heritage_explorer.gui.widgets.image_viewer import decode_for_viewer
from heritage_explorer.gui.widgets.match_view import MatchPictures, MatchView
from heritage_explorer.gui.widgets.search_view import SearchView
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline import Project
from heritage_explorer.pipeline.matches import needs_network, pair_matches
from heritage_explorer.pipeline.session import Session

MATCH_MAX_SIDE = 2048  # decoded size of each picture: room to zoom in on a detail, two at a time


def query_ref(query: dict) -> int | str:
    """The query image of a search: the catalog image (also the one a region was drawn on), else the file."""
    for key in ("region_of", "image_id"):
        if query.get(key) is not None:
            return int(query[key])
    return str(query["image_path"])


def match_pictures(project: Project, describer: ExternalDescriber, spec: str, query: dict, image_b: int, *,
                   cancel: CancelToken | None = None) -> MatchPictures:
    """The pair of ``query`` (as ``SearchView.query``) and result ``image_b`` with ``spec``, and both pictures."""
    ref, region = query_ref(query), query.get("region")
    path_a = project.catalog.image(ref).abspath if isinstance(ref, int) else Path(ref)
    if needs_network(spec, ref):
        task = MatchTask(spec, image_b, ref if isinstance(ref, int) else None)
        pair = describer.match(project.root, task, path_a, cancel=cancel, region=region)
    else:
        pair = pair_matches(project, spec, ref, image_b, region=region)
    if cancel is not None:
        cancel.raise_if_cancelled()
    return MatchPictures(pair, decode_for_viewer(path_a, MATCH_MAX_SIDE),
                         decode_for_viewer(project.catalog.image(image_b).abspath, MATCH_MAX_SIDE))


class MatchController(QObject):
    """Answers ``results.show_matches`` with a :class:`MatchView` (a dialog of the results' window),
    and :meth:`open_pair` (any two catalog images, e.g. an adaptation's mined pairs)."""

    def __init__(self, runner: JobRunner, describer: ExternalDescriber, results: SearchView,
                 session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.describer, self.results, self.session = runner, describer, results, session
        self.views: list[MatchView] = []
        results.show_matches.connect(self.open)

    def open(self, image_id: int) -> MatchView | None:
        """The match view of result ``image_id`` of the results shown; None when they have no matches."""
        project, results = self.session.project, self.results
        if project is None or not results.has_matches() or image_id < 0:
            return None
        query = dict(results.query)
        ref = query_ref(query)
        names = (Path(str(query["image_path"])).name if not isinstance(ref, int) else
                 project.catalog.image(ref).abspath.name, project.catalog.image(image_id).abspath.name)
        return self._show(project, results.spec, query, image_id, names, results.window())

    def open_pair(self, spec: str, image_a: int, image_b: int, parent: QWidget) -> MatchView | None:
        """The match view of two catalog images with the local method ``spec`` (e.g. a mined pair of
        an adaptation, verified by ``orb-1000``), a dialog of ``parent``."""
        project = self.session.project
        if project is None:
            return None
        names = (project.catalog.image(image_a).abspath.name, project.catalog.image(image_b).abspath.name)
        return self._show(project, spec, {"image_id": image_a}, image_b, names, parent)

    def _show(self, project: Project, spec: str, query: dict, image_b: int, names: tuple[str, str],
              parent: QWidget) -> MatchView:
        job = Job("show matches", match_pictures, project, self.describer, spec, query, image_b,
                  with_progress=False)
        view = MatchView(self.runner, job, names, parent)
        view.finished.connect(lambda _result, v=view: self.views.remove(v) if v in self.views else None)
        self.views.append(view)
        view.show()
        return view

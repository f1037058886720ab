"""The job that answers the result grid's search, whatever the kind of the method (issues #18, #21).

Every search goes through the one ranker (``pipeline.methods.rank``):

* Global, local (``xfeat-1000``) or re-ranking (``efflite0-gem>>xfeat-1000@100``) method with a catalog
  image, or a region of one searched with a local method: ``pipeline.methods.search_any`` in a worker
  thread (a global method's index, or the query's keypoints read from the project's store: no
  network is loaded in this process).
* Local or re-ranking method with a file (dropped, pasted), or a re-ranking with a region (its global
  part describes the crop): ``rank`` in the describer's child (:class:`.describer.SearchTask`),
  where the networks stay loaded and torch stays out of the window's process.
* Global method with a file or a region: no job here (``None``); :func:`.describer.search_external`
  describes it in the child together with the compared methods.

A local or re-ranking job reports the pairs it verifies (``Progress`` stage "verifying") and stops
when cancelled, here or in the child. Each job returns :class:`Found`: the hits, and the size of each
image a region was found in (what a tile needs to draw the box over its thumbnail).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.core.regions import Box
from heritage_explorer.gui.describer import ExternalDescriber, SearchTask
from heritage_explorer.gui.workers import Job
from heritage_explorer.pipeline import Project, SearchHit
from heritage_explorer.pipeline.local import ProgressFn
from heritage_explorer.pipeline.methods import search_any
from heritage_explorer.pipeline.ranker import to_hits
from heritage_explorer.pipeline.searchable import GLOBAL, LOCAL, method_kind


@dataclass
class Found:
    """A search's hits; ``sizes``: (width, height) of each hit image that carries a ``box``."""

    hits: list[SearchHit]
    sizes: dict[int, tuple[int, int]] = field(default_factory=dict)


def found(project: Project, hits: list[SearchHit]) -> Found:
    """``hits`` with the original size of every image a region was found in (one catalog query)."""
    boxed = [hit.image_id for hit in hits if getattr(hit, "box", None) is not None]
    rows = project.catalog.images(ids=boxed) if boxed else []
    return Found(list(hits), {row.id: (row.width, row.height) for row in rows if row.width and row.height})


def _search_here(project: Project, spec: str, image_id: int, k: int, region: Box | None, *,
                 progress: ProgressFn = None, cancel: CancelToken | None = None) -> Found:
    return found(project, search_any(project, spec, image_id=image_id, k=k, region=region, progress=progress,
                                     cancel=cancel))


def _search_in_child(describer: ExternalDescriber, project: Project, task: SearchTask, path: str,
                     region: Box | None, *, progress: ProgressFn = None, cancel: CancelToken | None = None) -> Found:
    return found(project, to_hits(project, describer.rank(project.root, task, path, cancel=cancel, region=region,
                                                          progress=progress)))


def search_job(project: Project, describer: ExternalDescriber, spec: str, query: dict, k: int) -> Job | None:
    """The job of the top-``k`` results of ``query`` (``{"image_id": n}``, ``{"image_path": p}``, or a
    region ``{"image_path": p, "region": box, "region_of": n}``) with ``spec``; None for a global method
    with a file or region (see the module's docstring). A catalog query asks ``k + 1``: the query
    itself is left out of the grid, as in Compare."""
    kind, image_id, region = method_kind(spec), query.get("image_id"), query.get("region")
    if kind == GLOBAL and image_id is None:
        return None
    if image_id is not None:  # a verification reports its progress and can be cancelled
        return Job("search", _search_here, project, spec, image_id, k + 1, None)
    region_of = query.get("region_of")
    if kind == LOCAL and region is not None and region_of is not None:
        return Job("search", _search_here, project, spec, region_of, k, region)
    task = SearchTask(spec, k, region_of if region is not None else None)
    return Job("search", _search_in_child, describer, project, task, str(Path(query["image_path"])), region)

"""Evaluation of methods on a project's own ground truth (classes from the catalog).

Rankings are of the whole collection (for a global method, exact inner products over the whole
database), as the Alegoria protocol needs the position of the last positive (Gominski et al. §4):
:func:`.methods.rank_many` with ``k=None``. Methods of every kind are evaluated by
:func:`.methods.evaluate_all`.
"""

from __future__ import annotations

from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.pipeline.project import Project


def evaluation_queries(project: Project) -> tuple[list[int], dict[int, str | None]]:
    """Query ids (flagged as queries, with a class) and the label of every image.

    Raises :class:`HeritageError` when there is no such query: every mAP would be undefined (it was
    printed as ``nan``, and the report died writing it to JSON).
    """
    images = project.catalog.images(status="ok")
    labels = {row.id: (None if row.group in (None, "", DISTRACTOR) else row.group) for row in images}
    queries = [row.id for row in images if row.is_query and labels[row.id] is not None]
    if not queries:
        raise HeritageError(
            f"{project.root}: nothing to evaluate: none of its {len(images)} readable image(s) is a query with a "
            "group, and an evaluation compares each query's ranking with the images of its group (ground truth). "
            "Import a CSV listing with a 'group' (or 'label'/'class') column; search and exploring need none.")
    return queries, labels

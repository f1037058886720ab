"""Evaluation of methods on a project's own ground truth (classes from the catalog).

Rankings are exhaustive (exact inner products over the whole database), as the Alegoria
protocol needs the position of the last positive (Gominski et al. §4). Methods of every kind are
evaluated by :func:`.methods.evaluate_all`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from heritage_explorer.core.catalog import DISTRACTOR
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.method import GlobalMethod, MethodSpec, as_global
from heritage_explorer.descriptors.query_expansion import expand
from heritage_explorer.index.exact import rank_all
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.search import current_vectors


def _ranked(project: Project, method: GlobalMethod | MethodSpec | str, query_ids: Sequence[int]
            ) -> Iterator[tuple[int, tuple[np.ndarray, np.ndarray]]]:
    """(query, (ids, scores)) one query at a time (a caller keeping only the ids holds no scores)."""
    method = as_global(method, "an exhaustive ranking")
    stored = current_vectors(project, method.descriptor)
    row_of = stored.row_of()
    queries = [int(q) for q in query_ids if int(q) in row_of]
    query_vectors, database = expand(np.asarray(stored.vectors, np.float32),
                                     np.array([row_of[q] for q in queries], np.int64), method.expansion)
    return zip(queries, rank_all(query_vectors, database, stored.ids), strict=True)


def exhaustive_rankings(project: Project, method: GlobalMethod | MethodSpec | str, query_ids: Sequence[int]
                        ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """(ids, scores) of the whole collection, best first, for each query that has a vector: exact
    inner products over the whole database, after the method's database-side augmentation and
    query expansion (``+dba<k>``, ``+aqe<k>[a<α>]``: Radenović et al. TPAMI 2019 §5), if any."""
    return dict(_ranked(project, method, query_ids))


def full_rankings(project: Project, method: GlobalMethod | MethodSpec | str, query_ids: Sequence[int]
                  ) -> dict[int, np.ndarray]:
    """The ids of :func:`exhaustive_rankings` only (what evaluation needs)."""
    return {q: ids for q, (ids, _) in _ranked(project, method, query_ids)}


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

"""Describing external images (dropped, pasted) in a long-lived child process.

A query with a file from outside the catalog needs its descriptor, which means loading the
method's network: in the GUI process that imports torch and stalls the event loop (measured:
3.7 s for the first query, pauses up to 217 ms). :class:`ExternalDescriber` instead keeps one
spawned child (started on the first external query, the same way as the extraction child of
:class:`heritage_explorer.gui.workers.ProcessJob`) that describes files on request and keeps its
models loaded between queries; the GUI process only receives the vectors. No Qt here: the child
imports this module without PySide6.

Requests are ``(request id, project root, specs, path, region)`` (``region``: a
:class:`~heritage_explorer.core.regions.Box` of the file to describe instead of all of it, or None); replies ``("ok", request id,
{spec: vector or error message})`` or ``("error", request id, message)`` when the project cannot
be opened. With a :class:`SearchTask` instead of the specs, the child ranks with the one ranker
(``pipeline.methods.rank``: a local or re-ranking method describes the query's keypoints with its
network) and replies ``("ok", request id, Ranking)`` or ``("error", request id, message)``, after
``("progress", request id, Progress)`` for each candidate verified; with a :class:`MatchTask`,
``pipeline.matches.pair_matches`` (``("ok", request id, PairMatches)``). A cancelled request sets an
Event the child's task reads between verified pairs (it answers ``("cancelled", request id, None)``).
The child never dies on an error, and leaves when the GUI process is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from heritage_explorer.core.errors import CancelledError, HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.core.regions import Box
from heritage_explorer.gui.child import CHILD_NICENESS, EventCancelToken, unexpected_error
from heritage_explorer.pipeline.comparison import Comparison, compare_methods
from heritage_explorer.pipeline.ranker import Ranking

REQUEST_TIMEOUT_S = 300.0  # the first request of a method loads its network (seconds; minutes on a slow disk)
POLL_S = 0.1  # how often a waiting request looks at its cancel token and at the child
PARENT_CHECK_S = 1.0  # how often an idle child checks that the GUI process is still there
STOP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class SearchTask:
    """A ranking made whole in the child: ``spec`` of any kind, the top ``k`` (None: the whole
    collection); the query is the catalog image ``image_id``, else the request's file."""

    spec: str
    k: int | None
    image_id: int | None = None


@dataclass(frozen=True)
class MatchTask:
    """The matches of one result made in the child (``pipeline.matches.pair_matches``): ``spec``'s
    local part, the result ``image_b``; the query is the catalog image ``image_a``, else the request's file."""

    spec: str
    image_b: int
    image_a: int | None = None


def serve_descriptions(requests: Any, replies: Any, cancel: Any = None) -> None:
    """Child process entry point: describe each requested file until told to stop (``None``) or
    until the parent process is gone; ``cancel`` (an Event, cleared at each request) stops a task."""
    from heritage_explorer.pipeline import describe_external, open_project

    if hasattr(os, "nice"):
        os.nice(CHILD_NICENESS)  # the window keeps the CPU it needs to stay responsive
    parent = multiprocessing.parent_process()
    while True:
        try:
            request = requests.get(timeout=PARENT_CHECK_S)
        except queue_module.Empty:
            if parent is not None and not parent.is_alive():
                return
            continue
        if request is None:
            return
        request_id, project_root, specs, path, region = request
        if cancel is not None:
            cancel.clear()
        try:
            project = open_project(project_root)
        except HeritageError as exc:
            replies.put(("error", request_id, str(exc)))
            continue
        except Exception as exc:  # the edge of the child: report, never die
            replies.put(("error", request_id, unexpected_error(project_root, exc)))
            continue
        if isinstance(specs, SearchTask | MatchTask):
            token = EventCancelToken(cancel) if cancel is not None else None
            replies.put(_task_in_child(project, specs, path, region, request_id, replies, token))
            continue
        described: dict[str, np.ndarray | str] = {}
        for spec in specs:
            try:
                described[spec] = describe_external(project, spec, path, region=region)
            except HeritageError as exc:
                described[spec] = str(exc)
            except Exception as exc:
                described[spec] = unexpected_error(f"{spec} of {path}", exc)
        replies.put(("ok", request_id, described))


def _task_in_child(project: Any, task: SearchTask | MatchTask, path: str, region: Box | None, request_id: int,
                   replies: Any, cancel: CancelToken | None) -> tuple:
    from heritage_explorer.pipeline.matches import pair_matches
    from heritage_explorer.pipeline.methods import rank
    from heritage_explorer.pipeline.ranker import Query

    def report(progress: Progress) -> None:
        replies.put(("progress", request_id, progress))

    try:
        if isinstance(task, MatchTask):
            query_ref = task.image_a if task.image_a is not None else path
            return ("ok", request_id, pair_matches(project, task.spec, query_ref, task.image_b, region=region))
        query = Query(image_id=task.image_id, region=region) if task.image_id is not None else \
            Query(image_path=path, region=region)
        return ("ok", request_id, rank(project, task.spec, query, task.k, progress=report, cancel=cancel))
    except CancelledError:
        return ("cancelled", request_id, None)
    except HeritageError as exc:
        return ("error", request_id, str(exc))
    except Exception as exc:  # the edge of the child: report, never die
        return ("error", request_id, unexpected_error(f"{task.spec} of {path}", exc))


class ExternalDescriber:
    """One describer child for the window; :meth:`describe` is called from worker threads."""

    def __init__(self, *, timeout_s: float = REQUEST_TIMEOUT_S):
        self.timeout_s = timeout_s
        self._context = multiprocessing.get_context("spawn")
        self._request_lock = threading.Lock()  # one request at a time: the child answers in order
        self._state_lock = threading.Lock()  # guards the process and its queues
        self._process: Any = None
        self._requests: Any = None
        self._replies: Any = None
        self._cancel: Any = None  # the Event a cancelled request sets for the child
        self._next_id = 0
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs, else None."""
        with self._state_lock:
            process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def describe(
        self, project_root: str | Path, specs: Sequence[str], path: str | Path, *,
        timeout_s: float | None = None, cancel: CancelToken | None = None, region: Box | None = None,
    ) -> dict[str, np.ndarray | str]:
        """The descriptor of the file ``path`` (of its ``region`` when given) for each spec, or the
        message of why it has none.

        Blocks until the child answers; raises CancelledError when ``cancel`` is set (the child's
        late answer is skipped), HeritageError when the child died or did not answer in time (it
        is restarted for the next request).
        """
        return self._ask(project_root, list(specs), path, timeout_s, cancel, region)

    def rank(
        self, project_root: str | Path, task: SearchTask, path: str | Path, *,
        timeout_s: float | None = None, cancel: CancelToken | None = None, region: Box | None = None,
        progress: Any = None,
    ) -> Ranking:
        """The ranking of ``task`` (``pipeline.methods.rank`` in the child, its models kept loaded;
        ``progress`` hears of its verified pairs); ``path`` is the query file (or the catalog image's,
        named in messages). Raises like :meth:`describe`, and HeritageError with the ranker's own
        message when it fails; cancelling stops the child's verification too."""
        return self._ask(project_root, task, path, timeout_s, cancel, region, progress)

    def match(
        self, project_root: str | Path, task: MatchTask, path: str | Path, *,
        timeout_s: float | None = None, cancel: CancelToken | None = None, region: Box | None = None,
    ) -> Any:
        """The ``PairMatches`` of ``task`` (``pipeline.matches.pair_matches`` in the child); ``path``
        is the query file when ``task.image_a`` is None. Raises like :meth:`rank`."""
        return self._ask(project_root, task, path, timeout_s, cancel, region)

    def _ask(self, project_root: str | Path, task: list[str] | SearchTask | MatchTask, path: str | Path,
             timeout_s: float | None, cancel: CancelToken | None, region: Box | None, progress: Any = None) -> Any:
        timeout = self.timeout_s if timeout_s is None else timeout_s
        with self._request_lock:
            process, requests, replies, stop = self._started()
            self._next_id += 1
            request_id = self._next_id
            requests.put((request_id, str(project_root), task, str(path), region))
            deadline = time.monotonic() + timeout
            while True:
                if cancel is not None and cancel.cancelled:
                    stop.set()  # the child's task stops between pairs; the child clears it for the next
                    cancel.raise_if_cancelled()
                try:
                    kind, answered, payload = replies.get(timeout=POLL_S)
                except (queue_module.Empty, OSError, ValueError):  # the last two: queues closed by shutdown()
                    if not process.is_alive():
                        self._forget(process)
                        raise HeritageError(
                            f"describing {path}: the describer process ended unexpectedly (exit code "
                            f"{process.exitcode}); it starts again with the next query") from None
                    if time.monotonic() > deadline:
                        self._forget(process)
                        raise HeritageError(
                            f"describing {path}: no answer within {timeout:g} s; the describer process "
                            "was stopped and starts again with the next query") from None
                    continue
                if answered != request_id:
                    continue  # the answer to an earlier request that was cancelled
                if kind == "progress":
                    if progress is not None:
                        progress(payload)
                    continue
                if kind == "cancelled":
                    raise CancelledError("cancelled by the user")
                if kind == "error":
                    raise HeritageError(str(payload))
                return payload

    def _started(self) -> tuple[Any, Any, Any, Any]:
        with self._state_lock:
            if self._closed:
                raise HeritageError("the window is closing: external images are no longer described")
            if self._process is None or not self._process.is_alive():
                if self._process is not None:
                    self._close_queues()
                self._requests, self._replies = self._context.Queue(), self._context.Queue()
                self._cancel = self._context.Event()
                self._process = self._context.Process(
                    target=serve_descriptions, args=(self._requests, self._replies, self._cancel),
                    name="heritage-explorer describer", daemon=True)  # ends with the GUI process
                self._process.start()
            return self._process, self._requests, self._replies, self._cancel

    def _forget(self, process: Any) -> None:
        """Stop ``process`` (dead or not answering); the next request starts a new one."""
        with self._state_lock:
            if self._process is process:
                self._stop_locked(timeout_s=0)

    def shutdown(self) -> None:
        """Stop the child (when the window closes); later requests fail with a clear message."""
        with self._state_lock:
            self._closed = True
            self._stop_locked(timeout_s=STOP_TIMEOUT_S)

    def _stop_locked(self, *, timeout_s: float) -> None:
        process = self._process
        if process is None:
            return
        if process.is_alive() and timeout_s > 0:
            try:
                self._requests.put(None)
            except (OSError, ValueError):
                pass
            process.join(timeout_s)
        if process.is_alive():
            process.terminate()
            process.join(STOP_TIMEOUT_S)
        self._close_queues()
        self._process = None

    def _close_queues(self) -> None:
        for q in (self._requests, self._replies):
            if q is not None:
                q.close()
                q.cancel_join_thread()  # never block on data for a child that is gone
        self._requests = self._replies = None


@dataclass
class ExternalAnswer:
    """What an external-image query shows: the search hits (or why there are none) and the comparison."""

    hits: list | None
    search_error: str | None
    comparison: Comparison | None


def search_external(
    describer: ExternalDescriber, project: Any, spec: str | None, compared: Sequence[str], path: str, *,
    k: int, cancel: CancelToken | None = None, region: Box | None = None,
) -> ExternalAnswer:
    """Describe ``path`` (its ``region`` only, when given: a region query) in the describer's child
    for the global search method and the compared methods, then search and compare with those
    vectors in this (worker) thread; a compared local or re-ranked method ranks in the child."""
    from heritage_explorer.pipeline.methods import rank
    from heritage_explorer.pipeline.ranker import Query, to_hits
    from heritage_explorer.pipeline.searchable import GLOBAL, method_kind

    specs = list(dict.fromkeys([*([spec] if spec else []), *compared]))
    ranked_there = [s for s in specs if method_kind(s) != GLOBAL]
    described: dict[str, np.ndarray | Ranking | str] = describer.describe(
        project.root, [s for s in specs if s not in ranked_there], path, cancel=cancel, region=region)
    for other in ranked_there:
        try:
            described[other] = describer.rank(project.root, SearchTask(other, None), path, cancel=cancel,
                                              region=region)
        except HeritageError as exc:
            described[other] = str(exc)
    hits, error = None, None
    if spec:
        given = described[spec]
        if isinstance(given, str):
            error = given
        else:
            try:
                hits = to_hits(project, rank(project, spec, Query(vector=given), k, cancel=cancel))
            except HeritageError as exc:
                error = str(exc)
    comparison = None
    if compared:
        comparison = compare_methods(project, compared, image_path=path, vectors=described, k=k, cancel=cancel)
    return ExternalAnswer(hits, error, comparison)

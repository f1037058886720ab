"""What runs inside a job's child process (no Qt here: the child never imports PySide6).

Extraction loads a network, and loading one holds the GIL in C code for hundreds of
milliseconds at a time (measured: 220–390 ms stalls of the event loop while EfficientNet-Lite0
loads in a thread). In a child process those pauses cannot freeze the window, and torch is
never imported into the GUI process. The child reports through a queue: ("progress", Progress),
then one of ("finished", result), ("failed", message), ("cancelled", None).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import traceback
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from typing import Any

from heritage_explorer.core.errors import CancelledError, HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress

CHILD_NICENESS = 10


class EventCancelToken(CancelToken):
    """A CancelToken backed by a multiprocessing Event, so the parent can cancel the child's job."""

    def __init__(self, event: Event):
        super().__init__()
        self._shared = event

    def cancel(self) -> None:
        self._shared.set()

    @property
    def cancelled(self) -> bool:
        return self._shared.is_set()

    def raise_if_cancelled(self) -> None:
        if self._shared.is_set():
            raise CancelledError("cancelled by the user; partial results are kept")


def unexpected_error(what: str, exc: Exception) -> str:
    """The report of an exception no layer expected, from the edge of a child process (with its traceback)."""
    return f"{what}: unexpected error ({type(exc).__name__}: {exc})\n{traceback.format_exc()}"


def cancel_when_parent_dies(cancel: Event, queue: Queue) -> None:
    """Set ``cancel`` when the process that started this one is gone (the window crashed or was
    killed): the job then stops as if cancelled, keeping what it finished, instead of running on
    as an orphan that holds the project's locks. Its reports are dropped then: nobody reads them,
    and waiting at exit for a full pipe to drain would keep the orphan alive for ever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's sentinel closes: it has exited
        queue.cancel_join_thread()
        cancel.set()

    threading.Thread(target=watch, name="parent watch", daemon=True).start()


def run_in_child(target: str, args: tuple, kwargs: dict, queue: Queue, cancel: Event) -> None:
    """Process entry point: call ``module:function`` with progress and cancel, report on ``queue``."""
    module_name, _, function_name = target.partition(":")
    if hasattr(os, "nice"):
        os.nice(CHILD_NICENESS)  # the window keeps the CPU it needs to stay responsive
    cancel_when_parent_dies(cancel, queue)
    try:
        function = getattr(importlib.import_module(module_name), function_name)
        result = function(*args, progress=lambda p: queue.put(("progress", p)), cancel=EventCancelToken(cancel),
                          **kwargs)
    except CancelledError:
        queue.put(("cancelled", None))
    except HeritageError as exc:
        queue.put(("failed", str(exc)))
    except Exception as exc:  # the edge of the child: report, never die silently
        queue.put(("failed", unexpected_error(target, exc)))
    else:
        queue.put(("finished", result))


def extract_project(
    project_root: str, specs: list[str], *, progress: Any = None, cancel: CancelToken | None = None
) -> Any:
    """``pipeline.methods.extract_any`` on the project at ``project_root`` (opened in this process):
    global methods, NetVLAD (fitted on the collection first) and local features alike."""
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.methods import extract_any

    def report(p: Progress) -> None:
        if progress is not None:
            progress(p)

    return extract_any(open_project(project_root), specs, progress=report, cancel=cancel)

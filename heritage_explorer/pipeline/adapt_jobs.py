"""The app's adaptation job (issue #19 part 5): a request that survives an interruption, and resume.

``heritage-explorer adapt`` is one command; the app's "Adapt to this collection" is a job that can
be cancelled, stopped by its time bound or killed with the window. :func:`run_adaptation` writes
the job's parameters to ``P/adapt/NAME/request.json`` (atomically) before calling
:func:`.adapt.adapt`, and removes the file once the adaptation is stored: a request file left
behind is an **interrupted adaptation** (:func:`interrupted_adaptations`), and running it again
resumes it — the extraction keeps its finished batches, the mining its verified pairs
(``P/adapt/_verified/``), so only what was not done is done. Nothing here imports torch: the
window lists requests and starts the job, which runs in a child process (``gui/child.py``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from heritage_explorer.core.atomic import atomic_write_json
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.descriptors.method import as_descriptor
from heritage_explorer.pipeline.adapt import (
    ADAPT_DIR,
    ProgressFn,
    adapt,
    adaptation_dir,
    check_name,
    learning_problem,
)
from heritage_explorer.pipeline.project import Project

REQUEST_FILE = "request.json"
REQUEST_SCHEMA = "heritage-explorer/adaptation-request"


@dataclass(frozen=True)
class AdaptRequest:
    """What the app asks :func:`.adapt.adapt` for; ``minutes`` None: no time bound; ``dry_run``: mine and
    write the pairs only (``adapt --dry-run``), learn nothing; ``learn``: ``adapt --learn``."""

    base: str
    name: str
    supervision: str = "none"
    seed: int = 0
    minutes: float | None = None
    dry_run: bool = False
    learn: str = "lw"

    @property
    def spec(self) -> str:
        return f"{self.base}+adapt:{self.name}"

    def checked(self) -> AdaptRequest:
        """This request, or a HeritageError saying what is wrong with it (before a job starts)."""
        check_name(self.name)
        reason = cannot_adapt(self.base)
        if reason is not None:
            raise HeritageError(reason)
        problem = learning_problem(self.learn, self.supervision)
        if problem is not None:
            raise HeritageError(problem)
        if self.minutes is not None and self.minutes <= 0:
            raise HeritageError(f"the time bound must be positive (minutes), not {self.minutes}")
        return self


def cannot_adapt(spec: str) -> str | None:
    """Why ``spec`` cannot be the base of an adaptation (None when it can): the rule of
    :func:`.adapt.adapt` — a CNN global method without ``+pca``/``+pcaw``/``+adapt``, not NetVLAD."""
    try:
        parsed = as_descriptor(spec, "an adaptation")
    except HeritageError as exc:
        return f"{spec}: not a method that can be adapted ({exc})"
    if parsed.kind != "global" or parsed.adapt or parsed.whitening_dim or parsed.netvlad:
        return f"{spec}: cannot be adapted; give a CNN global method without +pca/+pcaw/+adapt, e.g. efflite0-gem"
    return None


def adaptable_bases(specs: Iterable[str]) -> list[str]:
    """The specs of ``specs`` (e.g. the project's extracted global methods) an adaptation can start from."""
    return [s for s in specs if cannot_adapt(s) is None]


def write_request(project: Project, request: AdaptRequest) -> None:
    project.require_writable("adaptation")
    atomic_write_json(adaptation_dir(project, request.name) / REQUEST_FILE,
                      {"schema": REQUEST_SCHEMA, "schema_version": 1, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                       **asdict(request)})


def discard_request(project: Project, name: str) -> None:
    """Forget an interrupted adaptation (its cached verifications and extracted features stay)."""
    (adaptation_dir(project, name) / REQUEST_FILE).unlink(missing_ok=True)


def interrupted_adaptations(project: Project) -> list[AdaptRequest]:
    """The adaptations started and not stored (cancelled, stopped by their time bound, failed, or
    killed with the window), by name; an unreadable request file is skipped."""
    root = project.root / ADAPT_DIR
    found = []
    for path in sorted(root.glob(f"*/{REQUEST_FILE}")) if root.is_dir() else ():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("schema") != REQUEST_SCHEMA:
                continue
            minutes = data.get("minutes")
            found.append(AdaptRequest(str(data["base"]), str(data["name"]), str(data.get("supervision", "none")),
                                      int(data.get("seed", 0)), None if minutes is None else float(minutes),
                                      data.get("dry_run") is True, str(data.get("learn", "lw"))))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return found


def run_adaptation(project_root: str, request: AdaptRequest, *, progress: ProgressFn = None,
                   cancel: CancelToken | None = None) -> dict:
    """Run (or resume) ``request`` on the project at ``project_root``: what ``adapt --json`` prints.

    The request file stays when the job does not end with a stored adaptation (cancelled, its time
    bound reached while mining, failed), so the app offers to resume it.
    """
    from heritage_explorer.pipeline import open_project

    project = open_project(project_root)
    request = request.checked()
    write_request(project, request)
    result = adapt(project, request.base, name=request.name, supervision=request.supervision, seed=request.seed,
                   minutes=request.minutes, dry_run=request.dry_run, learn=request.learn, progress=progress,
                   cancel=cancel)
    discard_request(project, request.name)
    return result.to_json()

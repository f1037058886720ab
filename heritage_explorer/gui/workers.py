"""Background jobs: a pipeline function runs in a QThreadPool, the GUI thread only receives signals.

A :class:`Job` wraps ``fn(*args, progress=..., cancel=..., **kwargs)`` (the pipeline's long-job
convention, docs/ARCHITECTURE.md). Its ``progress`` callback is forwarded by a Qt signal, throttled
so a fast job cannot flood the event loop; a :class:`CancelToken` stops it between units of work.
``HeritageError`` arrives as ``failed(message)``; anything else too (with the traceback logged),
so a bug in a job never takes the window down.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from heritage_explorer.core.errors import CancelledError, HeritageError
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05


class JobSignals(QObject):
    """Signals of one job; created in the GUI thread so receivers run there (queued connections).

    Once started, they are a child of the job's relay (:meth:`JobRunner.start`): a QObject must
    die in the thread it lives in, and the worker thread drops its references to the job when
    ``run`` returns; owned by the relay, the signals are deleted by the relay, in the GUI thread,
    after the worker has returned from its last ``emit`` (``Job.returned``).
    """

    progress = Signal(object)  # Progress
    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    ended = Signal()  # after any of finished / failed / cancelled


class Job:
    """One call of a pipeline function in a worker thread.

    ``with_progress`` / ``with_cancel`` say whether ``fn`` takes those keyword arguments (search
    and viewer loads are short and take neither).

    Not a ``QRunnable``: the pool runs the bound ``run`` (``QThreadPool.start(callable)``) and
    frees it once run. A ``QRunnable`` that is not auto-deleted is kept by the binding's pool
    until the pool dies (every job of a day's work, with its arguments: projects, result tables),
    and one that is auto-deleted is deleted in the worker thread, taking with it whatever it was
    the last to hold. The job holds no QObject of its own (see :class:`JobSignals`).
    """

    def __init__(
        self, name: str, fn: Callable[..., Any], *args: Any,
        with_progress: bool = True, with_cancel: bool = True, **kwargs: Any,
    ):
        self.name = name
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.with_progress = with_progress
        self.with_cancel = with_cancel
        self.cancel_token = CancelToken()
        self.signals = JobSignals()
        self._last_emit = 0.0
        self._last_stage: str | None = None
        self.running = False
        self.returned = threading.Event()  # set by the worker after its last emit

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def _report(self, progress: Progress) -> None:
        """Pass a report on, at most every PROGRESS_INTERVAL_S, except the first of a stage and the
        last (done == total): a dropped start of a stage would leave the previous one on screen."""
        now = time.perf_counter()
        if (progress.done < progress.total and progress.stage == self._last_stage
                and now - self._last_emit < PROGRESS_INTERVAL_S):
            return
        self._last_emit, self._last_stage = now, progress.stage
        self.signals.progress.emit(progress)

    def run(self) -> None:
        self.running = True
        kwargs = dict(self.kwargs)
        if self.with_progress:
            kwargs["progress"] = self._report
        if self.with_cancel:
            kwargs["cancel"] = self.cancel_token
        try:
            if self.cancel_token.cancelled:
                raise CancelledError("cancelled before it started")
            result = self.fn(*self.args, **kwargs)
        except CancelledError:
            self.signals.cancelled.emit()
        except HeritageError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # the edge: a bug in a job becomes a message, never a crash
            log.error("job %r failed:\n%s", self.name, traceback.format_exc())
            self.signals.failed.emit(translate("Workers", "{name}: unexpected error ({error_type}: {exc})").format(
                name=self.name, error_type=type(exc).__name__, exc=error_text(str(exc))))
        else:
            self.signals.finished.emit(result)
        finally:
            self.running = False
            self.signals.ended.emit()
            self.returned.set()


class ProcessJob(Job):
    """A job whose function runs in a child process (spawned); this runnable relays its reports.

    ``target`` is ``"module:function"`` taking ``progress`` and ``cancel`` keywords; arguments and
    the result must pickle. Cancelling sets an Event the child's CancelToken reads (the child sets
    it itself when this process dies, so it never outlives the window). A child that dies without
    reporting (killed, out of memory) becomes ``failed``, saying how it ended. However the job
    ends, the child has exited and been waited for (no zombie) before ``ended`` is emitted.
    """

    def __init__(self, name: str, target: str, *args: Any, **kwargs: Any):
        super().__init__(name, _unused, *args, **kwargs)
        self.target = target
        self.pid: int | None = None  # the child's process id once started

    def run(self) -> None:
        self.running = True
        try:
            kind, payload = self._run_child()
        except Exception as exc:  # the edge: starting or talking to the child failed (no process, no pipe)
            log.error("job %r failed:\n%s", self.name, traceback.format_exc())
            kind, payload = "failed", translate("Workers", "{name}: the worker process could not run ({error_type}: "
                                                "{exc})").format(name=self.name, error_type=type(exc).__name__, exc=exc)
        finally:
            self.running = False
        if kind == "finished":
            self.signals.finished.emit(payload)
        elif kind == "cancelled":
            self.signals.cancelled.emit()
        else:
            self.signals.failed.emit(str(payload))
        self.signals.ended.emit()
        self.returned.set()

    def _run_child(self) -> tuple[str, Any]:
        import multiprocessing
        import queue as queue_module

        from heritage_explorer.gui.child import run_in_child

        context = multiprocessing.get_context("spawn")
        reports = context.Queue()
        cancel = context.Event()
        process = context.Process(target=run_in_child, args=(self.target, self.args, self.kwargs, reports, cancel),
                                  name=f"heritage-explorer {self.name}", daemon=True)
        outcome: tuple[str, Any] | None = None
        try:
            process.start()
            self.pid = process.pid
            while outcome is None:
                if self.cancel_token.cancelled:
                    cancel.set()
                try:
                    kind, payload = reports.get(timeout=0.1)
                except queue_module.Empty:
                    if not process.is_alive():
                        outcome = ("failed", f"{self.name}: {how_it_ended(process.exitcode)}")
                    continue
                if kind == "progress":
                    self._report(payload)
                else:
                    outcome = (kind, payload)
            process.join(timeout=CHILD_EXIT_S)
        finally:
            _reap(process)
            reports.close()
            reports.join_thread()
        return outcome


CHILD_EXIT_S = 30.0  # how long a child that reported its end may take to exit before it is stopped


def _reap(process: Any) -> None:
    """Make sure ``process`` has exited and been waited for: SIGTERM, then SIGKILL if it lingers."""
    if process.pid is None:
        return  # never started
    if process.is_alive():
        process.terminate()
        process.join(timeout=5)
    if process.is_alive():
        process.kill()
    process.join()


def how_it_ended(exitcode: int | None) -> str:
    """Why a child process ended without reporting, in words (``exitcode`` as ``multiprocessing`` gives it)."""
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        cause = " (out of memory, or stopped from outside)" if -exitcode == signal.SIGKILL else ""
        return f"the worker process was killed by {name}{cause}"
    return f"the worker process ended unexpectedly (exit code {exitcode})"


class _Relay(QObject):
    """Connects one job's signals to its callbacks so that no answer reaches a deleted object.

    A callback that is a method of a QObject is connected to directly: that object is the
    receiver, and Qt drops the answers still queued for it when it is deleted (a closed viewer).
    Any other callable (a lambda) is called by this relay, a child of the runner: its queued
    answers die with the runner and the window owning it. The relay deletes itself once the job
    has ended, and with it the job's signals, its children.
    """

    def __init__(self, runner: JobRunner, job: Job, callbacks: dict[str, Callable[..., None] | None]):
        super().__init__(runner)
        self.runner, self.job = runner, job
        self.callbacks = {name: slot for name, slot in callbacks.items() if slot is not None}
        signals = job.signals
        signals.setParent(self)  # deleted with the relay, in the GUI thread (see JobSignals)
        for name, slot in self.callbacks.items():
            signal = getattr(signals, name)
            if isinstance(getattr(slot, "__self__", None), QObject):
                signal.connect(slot)
            else:
                signal.connect(getattr(self, f"_{name}"))
        signals.ended.connect(self._ended)

    def _finished(self, result: Any) -> None:
        self.callbacks["finished"](result)

    def _failed(self, message: str) -> None:
        self.callbacks["failed"](message)

    def _progress(self, progress: Progress) -> None:
        self.callbacks["progress"](progress)

    def _cancelled(self) -> None:
        self.callbacks["cancelled"]()

    def _ended(self) -> None:
        self.runner._forget(self.job)
        # `ended` is queued before the worker's emit returns: the signals are deleted only once
        # the worker is out of it (a few instructions later; waiting releases the GIL)
        self.job.returned.wait(RETURN_WAIT_S)
        self.job = None
        self.deleteLater()


RETURN_WAIT_S = 5.0


def _unused(*_args: Any, **_kwargs: Any) -> None:
    raise RuntimeError("a ProcessJob runs its target in a child process")


class JobRunner(QObject):
    """Starts jobs in its own pool and keeps them alive until they end; cancels them all on close."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._jobs: list[Job] = []

    def start(
        self, job: Job, *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        _Relay(self, job, {"finished": on_finished, "failed": on_failed, "progress": on_progress,
                           "cancelled": on_cancelled})
        self._jobs.append(job)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self.pool.start(job.run)
        return job

    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
            if not self._jobs:
                self.busy_changed.emit(False)

    @property
    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.cancel()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every job and wait for the workers (called when the window closes)."""
        self.cancel_all()
        return self.pool.waitForDone(timeout_ms)

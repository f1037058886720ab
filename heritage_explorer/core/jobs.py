"""Long-job plumbing shared by the CLI and the GUI: progress records and cancellation."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from heritage_explorer.core.errors import CancelledError


@dataclass(frozen=True)
class Progress:
    """One progress report of a job: ``done`` of ``total`` units, with rate and ETA."""

    stage: str
    done: int
    total: int
    rate: float = 0.0  # units per second over the job so far
    eta_s: float | None = None
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass
class RateMeter:
    """Turns (done, total) into Progress with a rate and an ETA since ``start``."""

    stage: str
    total: int
    start: float = field(default_factory=time.perf_counter)
    initial: int = 0

    def progress(self, done: int, message: str = "") -> Progress:
        elapsed = max(time.perf_counter() - self.start, 1e-9)
        rate = (done - self.initial) / elapsed
        eta = (self.total - done) / rate if rate > 0 else None
        return Progress(self.stage, done, self.total, rate, eta, message)


class CancelToken:
    """Thread-safe flag a job checks between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError("cancelled by the user; partial results are kept")


def ordered_prefetch[T, R](
    fn: Callable[[T], R], items: Iterable[T], *, threads: int, cancel: CancelToken | None = None, name: str = "prefetch"
) -> Iterator[tuple[T, R]]:
    """``(item, fn(item))`` in input order, computed up to ``2 × threads`` items ahead in a thread pool.

    For work that releases the GIL (image decoding, OpenCV): it overlaps with what the caller does
    with each result. A cancelled token stops it between items (pending work is dropped).
    """
    workers = max(1, threads)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name) as pool:
        pending: deque = deque()
        feed = iter(items)
        for item in feed:
            pending.append((item, pool.submit(fn, item)))
            if len(pending) >= 2 * workers:
                break
        while pending:
            if cancel is not None and cancel.cancelled:
                for _, future in pending:
                    future.cancel()
                cancel.raise_if_cancelled()
            item, future = pending.popleft()
            following = next(feed, None)
            if following is not None:
                pending.append((following, pool.submit(fn, following)))
            yield item, future.result()

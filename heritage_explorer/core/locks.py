"""An inter-process lock on a file (``flock``): the one writer of a store, index or cache folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from heritage_explorer.core.atomic import writable

try:
    import fcntl
except ImportError:  # not POSIX: no inter-process lock
    fcntl = None  # type: ignore[assignment]


@contextmanager
def flocked(path: Path, *, exclusive: bool, blocking: bool = True) -> Iterator[None]:
    """Hold an ``flock`` on ``path`` (created if needed) for the ``with`` block.

    The system releases it when the process dies, so a killed job never leaves it held; two
    opens of the file conflict even within one process, so it also orders threads. Raises
    BlockingIOError when ``blocking`` is False and the lock is held elsewhere. A shared lock on
    a file that cannot be created (a read-only project) is skipped: nobody can be writing there.
    """
    if not exclusive and not writable(path if path.exists() else path.parent):
        yield  # read-only: not even root creates the lock file there
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if exclusive:
            raise
        yield
        return
    try:
        if fcntl is not None:
            mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
            fcntl.flock(fd, mode if blocking else mode | fcntl.LOCK_NB)
        yield
    finally:
        os.close(fd)  # releases the lock

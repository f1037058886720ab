"""Specific exceptions, caught at the edge (CLI, GUI) and shown to the user."""

from __future__ import annotations

import errno
import shlex
from pathlib import Path

PROGRAM = "heritage-explorer"


def command_hint(*args: str | Path) -> str:
    """A command line to suggest in a message, quoted so that it runs as written when pasted into
    a shell (``heritage-explorer extract --project '/my projects/P' --method colorhist``). Messages
    show it after "run:", never inside quotes of their own, which would break the shell's quoting."""
    return shlex.join([PROGRAM, *map(str, args)])


class HeritageError(Exception):
    """Base class: every error the user should see as a message, not a traceback."""


class UnreadableImageError(HeritageError):
    """An image file that cannot be decoded; names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class SourceFormatError(HeritageError):
    """A collection source (CSV, IIIF manifest, folder) that cannot be imported."""

    def __init__(self, source: str | Path, reason: str, line: int | None = None):
        self.source = str(source)
        self.reason = reason
        self.line = line
        where = f"{self.source}, line {line}" if line is not None else self.source
        super().__init__(f"{where}: {reason}")


class AnnotationError(HeritageError):
    """Invalid variation annotations or judgments (unknown type, score out of range, wrong class…)."""


class UnknownMethodError(HeritageError):
    """A descriptor spec string the registry cannot resolve."""


class WeightsUnavailableError(HeritageError):
    """Pretrained weights for a method are not present (and could not be obtained)."""


class UnsafeCheckpointError(HeritageError):
    """A checkpoint that would need to execute code to load (refused)."""


class CorruptArtefactError(HeritageError):
    """A descriptor store, index or other artefact whose checksum or shape does not match."""


class ProjectError(HeritageError):
    """A project directory that does not exist, is not a project, or is busy."""


class ReadOnlyProjectError(ProjectError):
    """A change asked of a project that is open read-only (a read-only drive or folder), or that
    was made read-only while it was open (``since_opened``)."""

    def __init__(self, root: str | Path, action: str, *, since_opened: bool = False):
        self.root = str(root)
        self.action = action
        self.since_opened = since_opened
        if since_opened:
            super().__init__(f"{self.root}: the project was made read-only while it was open (its folder or catalog "
                             f"can no longer be written); {action} needs write access: make the folder writable "
                             "again, or copy the project to a writable folder. Everything saved before is kept")
        else:
            super().__init__(f"{self.root}: the project is read-only (its folder or catalog cannot be written); "
                             f"{action} needs write access: copy the project to a writable folder")


class ProjectGoneError(ProjectError):
    """The folder of an open project was moved, renamed or deleted: nothing can be saved to it."""

    def __init__(self, root: str | Path, action: str):
        self.root = str(root)
        self.action = action
        super().__init__(f"{self.root}: the project folder was moved, renamed or deleted while it was open; "
                         f"{action} cannot be done here: open the project again from where it is now")


class CancelledError(HeritageError):
    """A job stopped at the user's request; its partial results are kept."""


#: Why a write failed, in words, by errno (the reasons a user can act on).
_WRITE_FAILURES = {
    errno.ENOSPC: "no space left on the disk (free some space, then try again)",
    errno.EDQUOT: "the disk quota is exceeded (free some space, then try again)",
    errno.EFBIG: "the file would be larger than the file system or this process allows",
    errno.EROFS: "the file system is read-only (a read-only drive, or one remounted read-only)",
    errno.EACCES: "permission denied (was the folder made read-only?)",
    errno.EPERM: "permission denied (was the folder made read-only?)",
    errno.ENOENT: "its folder is gone (moved or deleted while in use?)",
    errno.EIO: "input/output error (a failing or disconnected drive?)",
}


class WriteFailedError(HeritageError, OSError):
    """A file that could not be written (disk full, read-only, folder gone): names the file and the
    reason. Raised by ``core.atomic``, so the previous version of the file, if any, is unchanged.

    Also an ``OSError`` with the cause's ``errno``, for callers that handle file errors as such.
    """

    def __init__(self, path: str | Path, cause: OSError):
        self.path = str(path)
        self.reason = _WRITE_FAILURES.get(cause.errno, cause.strerror or str(cause))
        self.message = f"{self.path}: cannot be written: {self.reason}; what was saved before is unchanged"
        super().__init__(cause.errno, self.message)

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # pickles across the extraction child's queue as the message it shows
        return (_rebuilt_write_error, (self.path, self.errno, self.message))


def _rebuilt_write_error(path: str, number: int | None, message: str) -> WriteFailedError:
    error = WriteFailedError(path, OSError(number, message))
    error.message = message
    return error

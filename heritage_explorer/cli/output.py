"""Terminal output shared by the commands: progress bar with rate and ETA, tables, JSON."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from heritage_explorer.core.atomic import atomic_write_json
from heritage_explorer.core.jobs import Progress


def project_arg(p: argparse.ArgumentParser) -> None:
    """``--project P``: the project directory every project command takes."""
    p.add_argument("--project", required=True, type=Path, help="project directory")


def method_arg(p: argparse.ArgumentParser, *, required: bool) -> None:
    """``--method SPEC`` (repeatable): descriptor spec strings from the registry."""
    p.add_argument("--method", action="append", required=required, metavar="SPEC",
                   help="descriptor spec string (repeatable); see 'heritage-explorer methods'")


class ProgressPrinter:
    """A ``progress`` callback that draws one updating line on stderr (plain lines when not a TTY)."""

    def __init__(self, stream=None, min_interval_s: float = 0.2):
        self.stream = stream or sys.stderr
        self.min_interval_s = min_interval_s
        self._last = 0.0
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._open_line = False

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        if p.done < p.total and now - self._last < self.min_interval_s:
            return
        if not self._tty and p.done < p.total and now - self._last < 5.0:
            return
        self._last = now
        width = 24
        filled = int(width * p.fraction)
        eta = f"ETA {_duration(p.eta_s)}" if p.eta_s is not None and p.done < p.total else ""
        line = (f"{p.stage}: [{'#' * filled}{'.' * (width - filled)}] {p.done}/{p.total} "
                f"{p.rate:.1f}/s {eta}").rstrip()
        if self._tty:
            self.stream.write("\r" + line[:150].ljust(150))
            self._open_line = True
            if p.done >= p.total:
                self.stream.write("\n")
                self._open_line = False
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def __enter__(self) -> ProgressPrinter:
        return self

    def __exit__(self, *exc) -> None:
        if self._open_line:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain aligned text table."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=False)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def emit_json(obj: Any, dest: str | Path) -> None:
    """JSON to stdout (``-``) or atomically to a file; keys keep the caller's order (not sorted)."""
    if str(dest) == "-":
        json.dump(obj, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        sys.stdout.flush()
    else:
        atomic_write_json(dest, obj)

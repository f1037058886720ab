"""The ``heritage-explorer`` command line: every GUI action reachable headless.

Each module of this package registers its sub-commands with ``register(subparsers)``; a
sub-command's handler takes the parsed ``argparse.Namespace`` and returns an exit status.
Errors derived from ``HeritageError`` are printed to stderr with a non-zero exit status.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Sequence

from heritage_explorer import __version__
from heritage_explorer.core.errors import HeritageError

EXIT_ERROR = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader left (``| head``)


def build_parser() -> argparse.ArgumentParser:
    from heritage_explorer.cli import (
        adapt,
        analysis,
        bench,
        collection_map,
        engine,
        export,
        labels,
        near_duplicates,
    )

    parser = argparse.ArgumentParser(
        prog="heritage-explorer",
        description="Explore iconographic collections by visual similarity. Without a command, opens the app; "
                    "'heritage-explorer open --help' lists the app's options (project, import, search, screenshot).",
    )
    parser.add_argument("--version", action="version", version=f"heritage-explorer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Listed for --help only: main() hands "open" and "gui" to the app before any parsing.
    sub.add_parser("open", help="open the app window (the default without a command); "
                                "see 'heritage-explorer open --help'", add_help=False)
    for module in (engine, analysis, adapt, bench, export, collection_map, labels, near_duplicates):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # In the frozen app a spawned worker is this executable with --multiprocessing-fork: run the
    # worker and exit before any argument parsing (a no-op when running from source).
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("gui", "open"):
        from heritage_explorer.gui.app import run_app

        return run_app(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        _parse_methods(args)
        code = int(args.handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's final flush
        return code
    except BrokenPipeError:
        return _reader_left()
    except HeritageError as exc:
        print(f"heritage-explorer: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("heritage-explorer: interrupted; partial results are kept and the job can be resumed", file=sys.stderr)
        return 130


def _parse_methods(args: argparse.Namespace) -> None:
    """The edge: every ``--method`` spelling becomes a typed method here, once (an unknown one is a
    clear error naming the bad part and listing the valid choices, before any work starts)."""
    from heritage_explorer.descriptors.method import parse_method

    value = getattr(args, "method", None)
    if isinstance(value, str):
        args.method = parse_method(value)
    elif isinstance(value, list):
        args.method = [parse_method(text) for text in value]


def _reader_left() -> int:
    """The reader of stdout closed it (``status --json | head -1``): stop quietly, as a shell tool does.

    What is still buffered for stdout could never be written; pointing the descriptor at the null
    device lets the interpreter's final flush succeed instead of printing a second traceback.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout replaced by an object with no descriptor
        pass
    return EXIT_BROKEN_PIPE

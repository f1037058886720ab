"""The command line's edges (issue #22, defect 12): the help lists every command, and a reader that
closes stdout early (``status --json | head -1``) ends the command quietly."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from heritage_explorer.cli import EXIT_BROKEN_PIPE, main
from tests.reliability.helpers import cli_command, subprocess_env


def test_help_lists_open(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    commands = capsys.readouterr().out.split("COMMAND", 1)[1]
    assert "\n    open " in commands and "heritage-explorer open --help" in commands


def _into_closed_pipe(*args: str | Path) -> subprocess.CompletedProcess:
    """Run the command with stdout a pipe whose reader has already gone (as ``head -1`` after its
    line): every write fails with EPIPE, so this is deterministic, unlike a real ``| head``. Output
    is buffered, as in a shell pipe."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(cli_command(*args), stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
                              env={k: v for k, v in subprocess_env().items() if k != "PYTHONUNBUFFERED"})
    finally:
        os.close(write_end)


@pytest.mark.parametrize("command", [["status", "--json"], ["status"]])
def test_status_into_a_closed_pipe_exits_quietly(sample_project: Path, command: list[str]) -> None:
    """JSON (flushed by the command) and the text table (left in the buffer until the end)."""
    done = _into_closed_pipe(command[0], "--project", sample_project, *command[1:])
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.stderr == ""
    assert done.returncode == EXIT_BROKEN_PIPE


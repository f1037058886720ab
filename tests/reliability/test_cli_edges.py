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


def test_status_json_into_a_closed_pipe_exits_quietly(sample_project: Path) -> None:
    """The reader has already gone when the command writes (as ``head -1`` after its line): the
    write fails with EPIPE every time, so this is deterministic, unlike a real ``| head``."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(cli_command("status", "--project", sample_project, "--json"), stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120, env=subprocess_env())
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.stderr == ""
    assert done.returncode == EXIT_BROKEN_PIPE


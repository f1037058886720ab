"""Helpers of the reliability tests: the command line run in-process or as a real subprocess,
synthetic collections, and reading a project's vectors by image path."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from heritage_explorer.cli import main
from heritage_explorer.pipeline import current_vectors, open_project

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
SAMPLE_CSV = SAMPLE / "collection.csv"
SAMPLE_COUNT = 31
SYNTHETIC_COUNT = 96  # 6 batches of 16: colorhist takes 1-2 s on 2 cores, long enough to interrupt


@dataclass(frozen=True)
class CliResult:
    """Exit status and the two output streams of one command."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def cli(*args: str | Path) -> CliResult:
    """Run ``heritage-explorer ARGS`` in this process (fast; the code path of the console script)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in args])
    return CliResult(code, out.getvalue(), err.getvalue())


def cli_command(*args: str | Path) -> list[str]:
    """The argv of ``heritage-explorer ARGS`` as a separate process."""
    return [sys.executable, "-m", "heritage_explorer", *(str(arg) for arg in args)]


def subprocess_env(**extra: str) -> dict[str, str]:
    """This process's environment plus ``extra`` (the CLI's own behaviour, unbuffered output)."""
    return {**os.environ, "PYTHONUNBUFFERED": "1", **extra}


def run_cli(*args: str | Path, timeout: float = 120, **env: str) -> CliResult:
    """Run ``heritage-explorer ARGS`` as a real subprocess and wait for it."""
    done = subprocess.run(
        cli_command(*args), capture_output=True, text=True, timeout=timeout, env=subprocess_env(**env)
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


def synthetic_image(index: int, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A smooth image whose colours depend on ``index`` (distinct colour histograms)."""
    width, height = size
    rng = np.random.default_rng(index)
    yy, xx = np.mgrid[0:height:8, 0:width:8]
    ramps = np.stack([xx * rng.uniform(-0.3, 0.3), yy * rng.uniform(-0.3, 0.3), (xx + yy) * 0.1], axis=2)
    small = ((rng.integers(0, 256, 3) + ramps) % 256).astype(np.uint8)
    return Image.fromarray(small).resize(size, Image.Resampling.BILINEAR)


def write_synthetic_collection(folder: Path, count: int, size: tuple[int, int] = (640, 480)) -> Path:
    """``count`` JPEGs ``img_00000.jpg``… in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        synthetic_image(index, size).save(folder / f"img_{index:05d}.jpg", quality=85)
    return folder


def vectors_by_path(project_dir: Path, spec: str) -> dict[str, np.ndarray]:
    """The current (verified) vectors of ``spec`` in a project, keyed by catalog path."""
    project = open_project(project_dir)
    stored = current_vectors(project, spec, verify=True)
    paths = {row.id: row.path for row in project.catalog.images()}
    project.catalog.close()
    return {paths[int(i)]: np.array(v) for i, v in zip(stored.ids, stored.vectors, strict=True)}


def assert_same_vectors(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert sorted(a) == sorted(b)
    different = [path for path in a if not np.allclose(a[path], b[path], atol=1e-6)]
    assert not different, f"vectors differ for {different[:5]}"


def flip_byte(path: Path, offset: int) -> None:
    """Invert one byte of a file in place (bit rot, a bad copy)."""
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))

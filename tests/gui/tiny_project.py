"""A labelled project of a few small generated images, built in well under a second (for GUI tests
that need a real catalog, and real ``colorhist`` descriptors, but not the shared collection)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image

from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.importing import import_source
from heritage_explorer.pipeline.methods import extract_any

SPEC = "colorhist"


def tiny_project(folder: Path, classes: Sequence[tuple[str, int]] = (("a", 4), ("b", 3)), *,
                 extract: bool = True, seed: int = 0) -> Path:
    """``folder/P``: ``n`` random images per ``(class, n)``, all queries; ``colorhist`` extracted."""
    rng = np.random.default_rng(seed)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    rows = []
    for name, n in classes:
        for i in range(n):
            path = folder / "images" / f"{name}{i}.png"
            Image.fromarray(rng.integers(0, 255, (32, 40, 3), dtype=np.uint8)).save(path)
            rows.append({"path": f"images/{path.name}", "group": name, "query": "1"})
    with (folder / "list.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["path", "group", "query"])
        writer.writeheader()
        writer.writerows(rows)
    project = open_project(folder / "P", create=True)
    import_source(project, str(folder / "list.csv"))
    if extract:
        extract_any(project, [SPEC])
    return project.root


def two_methods_project(folder: Path, classes: Sequence[tuple[str, int]] = (("a", 4), ("b", 4))) -> Path:
    """:func:`tiny_project` with a CNN global descriptor (``efflite0-gem``) extracted too (~4 s)."""
    root = tiny_project(folder, classes)
    extract_any(open_project(root), ["efflite0-gem"])
    return root

"""Opening another project while thumbnails and an external search of the first are in flight
(issue #22, defect 1): every tile of the new project shows its own file's pixels, the new
project's cache holds only its own images, and the query strip, results and status are reset."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from heritage_explorer.core.imageio import thumbnail_bytes
from heritage_explorer.gui.models.thumbnails import Roles
from heritage_explorer.gui.thumbnail_loader import CACHE_SIDE, read_stamp, to_qimage
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.importing import import_source
from heritage_explorer.pipeline.methods import extract_any
from tests.conftest import shared_collection

N = 6


def _project(folder: Path, collection: str) -> Path:
    """``folder/P``: the first N images of a shared collection (downscaled copies), colorhist extracted."""
    listing = shared_collection(collection)
    with listing.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:N]
    (folder / "images").mkdir(parents=True)
    for row in rows:
        with Image.open(listing.parent / row["path"]) as image:
            image = image.convert("RGB")
            image.thumbnail((200, 200))
            image.save(folder / "images" / Path(row["path"]).name, quality=90)
    project = open_project(folder / "P", create=True)
    import_source(project, str(folder / "images"))
    extract_any(project, ["colorhist"])
    return project.root


def _pixels(image) -> np.ndarray:
    image = image.convertToFormat(image.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * height)
    return data.reshape(height, image.bytesPerLine())[:, : 3 * width].reshape(height, width, 3).astype(int)


def _same_pixels(tile, path: str) -> bool:
    expected = _pixels(to_qimage(thumbnail_bytes(path, CACHE_SIDE), tile.width() if tile.width() >= tile.height()
                                 else tile.height()))
    got = _pixels(tile)
    return got.shape == expected.shape and float(np.abs(got - expected).mean()) < 4.0


def test_switching_projects_with_requests_in_flight(window, qtbot, tmp_path):
    project_a = _project(tmp_path / "a", "rparis6k_subset_5x50")
    project_b = _project(tmp_path / "b", "museum_paintings")
    assert window.open_project(project_a)
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() == N, timeout=10_000)
    window.query_file(shared_collection("rparis6k_subset_5x50").parent / "images" / sorted(
        p.name for p in (shared_collection("rparis6k_subset_5x50").parent / "images").iterdir())[-1])
    window.show_message("a problem of project A")
    assert window.query_strip.model.rowCount() == 1
    window.grid.viewport().repaint()  # A's tiles requested: their decodes are queued or in flight
    assert window.open_project(project_b)  # while A's thumbnails and external search are in flight
    window.grid.viewport().repaint()
    assert window.query_strip.model.rowCount() == 0
    assert "Query:" not in window.query_strip.title.text()
    assert window.statusBar().currentMessage() == ""
    assert window.message_bar.text == ""
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() == N and not window.runner.is_busy(), timeout=60_000)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    assert window.search_view.model.rowCount() == 0  # A's late search answer is not shown in B
    assert window.query_strip.model.rowCount() == 0
    model = window.catalog_model
    for row in range(model.rowCount()):
        index = model.index(row)
        tile = model.data(index, Qt.ItemDataRole.DecorationRole)
        path = index.data(Roles.AbsPath)
        assert tile is not None, (path, index.data(Roles.Failure))
        assert Path(path).is_relative_to(project_b.parent / "images")
        assert _same_pixels(tile, path), f"tile {row} does not show {path}"
    hashes_b = {row.sha256 for row in open_project(project_b).catalog.images()}
    stamps = {read_stamp(p) for p in (project_b / "cache" / "thumbnails").rglob("*.jpg")}
    assert stamps and stamps <= hashes_b, "project B's cache holds thumbnails of other images"


def test_a_poisoned_cache_entry_is_rebuilt(window, qtbot, tmp_path):
    project_a = _project(tmp_path / "a", "rparis6k_subset_5x50")
    assert window.open_project(project_a)
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() == N, timeout=10_000)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    files = sorted((project_a / "cache" / "thumbnails").rglob("*.jpg"))
    assert len(files) == N
    files[0].write_bytes(files[1].read_bytes())  # another image's thumbnail under this image's name
    assert window.open_project(project_a)
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() == N, timeout=10_000)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    model = window.catalog_model
    for row in range(model.rowCount()):
        index = model.index(row)
        assert _same_pixels(model.data(index, Qt.ItemDataRole.DecorationRole), index.data(Roles.AbsPath))
    assert read_stamp(files[0]) != read_stamp(files[1])



def test_old_id_named_cache_files_are_removed(window, qtbot, tmp_path):
    """The first cache layout named files by image id (``00000/<id>-<tag>-<side>.jpg``): such files
    are never read again, and opening the project deletes them, leaving only the hash-named ones."""
    project_a = _project(tmp_path / "a", "rparis6k_subset_5x50")
    legacy = project_a / "cache" / "thumbnails" / "00000"
    legacy.mkdir(parents=True)
    for image_id in range(1, N + 1):
        (legacy / f"{image_id}-abc123-{CACHE_SIDE}.jpg").write_bytes(b"\xff\xd8 another project's pixels")
    assert window.open_project(project_a)
    qtbot.waitUntil(lambda: window.catalog_model.rowCount() == N, timeout=10_000)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    qtbot.waitUntil(lambda: not legacy.exists(), timeout=10_000)
    files = sorted((project_a / "cache" / "thumbnails").rglob("*.jpg"))
    assert len(files) == N and all(read_stamp(f) for f in files)

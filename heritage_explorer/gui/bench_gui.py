"""GUI benchmark (not a test): a 100,000-image catalog in the real window.

Measures the time to the first screen of thumbnails (cold thumbnail cache), and the event-loop
lag (worst, p99) while scrolling through the grid, and while an extraction runs in the
background. The catalog's rows point at a few hundred small generated JPEGs, each listed many
times (one collection per copy, as paths are unique per collection), so every row is a distinct
image id with its own thumbnail to decode and cache, as in a real collection of that size.
"""

from __future__ import annotations

import hashlib
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from heritage_explorer.core.catalog import CATALOG_NAME, Catalog
from heritage_explorer.core.records import SourceImage, SourceListing
from heritage_explorer.gui.event_loop import run_until

N_FILES = 200
N_CLASSES = 10


def make_synthetic_project(root: Path, n_images: int, n_files: int = N_FILES) -> Path:
    """A project at ``root`` whose catalog lists ``n_images`` rows over ``n_files`` small JPEGs."""
    images = root / "images"
    images.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    hashes = []
    y, x = np.mgrid[0:240, 0:320]
    for i in range(n_files):
        base = rng.integers(0, 255, 3)
        pattern = (np.sin(x / (5 + i % 17)) + np.cos(y / (7 + i % 13))) * 60
        pixels = np.clip(base[None, None, :] + pattern[..., None] * rng.uniform(0.3, 1.0, 3), 0, 255)
        path = images / f"img_{i:04d}.jpg"
        Image.fromarray(pixels.astype(np.uint8)).save(path, quality=85)
        hashes.append(hashlib.sha256(path.read_bytes()).hexdigest())
    catalog = Catalog(root / CATALOG_NAME)
    copies = -(-n_images // n_files)
    for copy in range(copies):
        count = min(n_files, n_images - copy * n_files)
        listing = SourceListing("folder", f"synthetic-copy-{copy}", images, [
            SourceImage(f"img_{i:04d}.jpg", f"class{i % N_CLASSES}", metadata={"title": f"synthetic {i}"})
            for i in range(count)])
        _cid, ids = catalog.add_listing(listing)  # ids in listing order: the files are new in this collection
        catalog.set_images_info((image_id, hashes[i], 320, 240, "ok") for i, image_id in enumerate(ids))
    catalog.close()
    return root


def _scroll(window, seconds: float, rows_per_frame: float) -> int:
    """Scroll the grid down at ``rows_per_frame`` cell rows per 16 ms frame; returns pixels scrolled."""
    from PySide6.QtCore import QTimer

    bar = window.grid.verticalScrollBar()
    cell = window.grid.visualRect(window.catalog_model.index(0)).height() + 2 * window.grid.spacing()
    step = max(1, int(rows_per_frame * cell))
    start = bar.value()
    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(lambda: bar.setValue(min(bar.value() + step, bar.maximum())))
    timer.start()
    end = time.monotonic() + seconds
    run_until(lambda: time.monotonic() > end, seconds + 5, poll_ms=5)
    timer.stop()
    return bar.value() - start


def run_gui_bench(
    n_images: int = 100_000, *, workdir: str | Path | None = None, scroll_seconds: float = 5.0,
    extraction_method: str = "colorhist", extraction_seconds: float = 35.0,
) -> dict:
    """Build the catalog, open it in the window and measure; returns a JSON-able dict."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["heritage-explorer-bench"])  # noqa: F841 (kept alive)
    from heritage_explorer.gui.compat import configure_interpreter
    from heritage_explorer.gui.lag_monitor import LagMonitor
    from heritage_explorer.gui.main_window import MainWindow
    from heritage_explorer.gui.settings import AppSettings

    configure_interpreter()
    with tempfile.TemporaryDirectory(prefix="he-bench-gui-", dir=workdir) as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        make_synthetic_project(root / "P", n_images)
        generate_s = time.perf_counter() - started
        window = MainWindow(AppSettings.from_file(str(root / "settings.ini")))
        window.resize(1400, 900)
        window.show()
        run_until(lambda: window.isVisible(), 5, poll_ms=5)
        monitor = LagMonitor(interval_ms=5)
        monitor.start()
        t0 = time.perf_counter()
        window.open_project(root / "P")
        open_s = time.perf_counter() - t0
        settled = run_until(window.thumbnails_settled, 30, poll_ms=5)
        first_screen_s = time.perf_counter() - t0
        opening_lag = monitor.summary()
        visible = len(window.grid.visible_rows())

        monitor.start()
        decoded_before = window.loader.decoded
        scrolled = _scroll(window, scroll_seconds, rows_per_frame=0.25)
        scroll_lag = monitor.summary()
        scroll_decoded = window.loader.decoded - decoded_before
        run_until(window.thumbnails_settled, 30, poll_ms=5)

        progress: list = []
        monitor.start()
        job = window.extraction.start([extraction_method])
        job.signals.progress.connect(lambda p: progress.append(p))
        _scroll(window, extraction_seconds, rows_per_frame=0.1)
        window.extraction.cancel()
        run_until(lambda: not window.extraction.running, 120, poll_ms=5)
        extraction_lag = monitor.summary()
        monitor.stop()
        window.close()
    last = progress[-1] if progress else None
    return {
        "n_images": n_images,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "generate_catalog_s": round(generate_s, 3),
        "open_project_s": round(open_s, 3),
        "time_to_first_screen_s": round(first_screen_s, 3),
        "first_screen_settled": settled,
        "first_screen_thumbnails": visible,
        "opening_lag_ms": opening_lag,
        "scroll": {"seconds": scroll_seconds, "pixels": scrolled, "thumbnails_decoded": scroll_decoded,
                   "lag_ms": scroll_lag},
        "extraction": {"method": extraction_method, "seconds": extraction_seconds,
                       "images_described": last.done if last else 0,
                       "images_per_s": round(last.rate, 2) if last else 0.0, "lag_ms": extraction_lag},
    }


def grid_measures(catalog_path: Path, *, scroll_seconds: float = 3.0) -> dict:
    """The real grid (model + view, offscreen) over a catalog: seconds from opening it to the first
    screen of cells laid out, then the event-loop lag while the scroll bar is dragged to the end
    every frame for ``scroll_seconds`` (each drag makes the model fetch its next page from SQLite).
    The catalog's part of the grid (``bench scale``): its synthetic rows point at no files, so no
    thumbnail is decoded; the thumbnails' part is ``bench gui``'s."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["heritage-explorer-bench"])  # noqa: F841 (kept alive)
    from heritage_explorer.gui.lag_monitor import LagMonitor
    from heritage_explorer.gui.models.thumbnails import CatalogModel
    from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid

    grid = ThumbnailGrid()
    model = CatalogModel(grid)
    grid.setModel(model)
    grid.resize(1400, 900)
    grid.show()
    run_until(grid.isVisible, 5, poll_ms=5)
    t0 = time.perf_counter()
    catalog = Catalog(catalog_path, create=False)
    model.load(catalog)
    shown = run_until(lambda: len(grid.visible_rows()) > 0, 30, poll_ms=1)
    first_screen_s = time.perf_counter() - t0
    monitor = LagMonitor(grid, interval_ms=5)
    bar = grid.verticalScrollBar()
    timer = QTimer(grid)
    timer.setInterval(16)
    timer.timeout.connect(lambda: bar.setValue(bar.maximum()))
    monitor.start()
    timer.start()
    end = time.monotonic() + scroll_seconds
    run_until(lambda: time.monotonic() > end, scroll_seconds + 5, poll_ms=5)
    timer.stop()
    monitor.stop()
    rows_loaded = model.rowCount()
    grid.close()
    grid.deleteLater()
    catalog.close()
    if not shown:
        raise RuntimeError(f"{catalog_path}: the grid showed no cell within 30 s")
    return {"first_screen_s": first_screen_s, "scroll_seconds": scroll_seconds, "scroll_rows_loaded": rows_loaded,
            "scroll_lag_ms": monitor.summary()}

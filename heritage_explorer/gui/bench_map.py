"""``bench map`` (issue #21 part 3): frame times of the collection map's view at 100k images.

Not a test. The real drawing code path — :class:`~.widgets.map_view.MapView` with its dots item,
thumbnail items made for the images in view, the lasso's point-in-polygon test and halo, and
:func:`~.widgets.map_colouring.colour_by` — over a **synthetic** layout: clustered 2-D points
(Gaussian blobs, placed in the scene as the dialog places a real layout) and synthetic
thumbnails (a few hundred in-memory images, so a frame times the drawing, not the disk; the
window's loader decodes in threads). Each frame applies its change (zoom, scroll, selection,
colours), makes the thumbnail items as the view's refresh timer would, and repaints the viewport
synchronously; the time of that is the frame time. The same measures at a reference size (10k)
run in the same process, with the load average, as every bench section.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable

import numpy as np

VIEW_SIZE = (1200, 800)
N_CLUSTERS = 200
N_THUMBNAILS = 200  # distinct synthetic thumbnails
LASSO_SHARE = 0.1  # of the points, selected by each lasso
REFERENCE_N = 10_000


def synthetic_layout(n: int, seed: int = 0) -> tuple[np.ndarray, list[str], list[str]]:
    """``n`` points in [0, 1]² in clusters (one class each), and a numeric metadata column."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.05, 0.95, (N_CLUSTERS, 2))
    spread = rng.uniform(0.005, 0.03, N_CLUSTERS)
    cluster = rng.integers(0, N_CLUSTERS, n)
    xy = np.clip(centres[cluster] + rng.normal(0, 1, (n, 2)) * spread[cluster, None], 0, 1)
    classes = [f"class {c % 30}" for c in cluster.tolist()]
    years = [str(y) for y in rng.integers(1850, 2000, n).tolist()]
    return xy, classes, years


class SyntheticThumbnails:
    """What :class:`MapPointItem` asks of the window's loader (``get``), answered from memory."""

    def __init__(self, count: int = N_THUMBNAILS):
        from PySide6.QtGui import QColor, QImage

        self.images = []
        for i in range(count):
            image = QImage(128, 96, QImage.Format.Format_RGB32)
            image.fill(QColor.fromHsvF((i * 0.618034) % 1.0, 0.5, 0.8))
            self.images.append(image)

    def get(self, image_id, path, sha256, size):
        return self.images[image_id % len(self.images)]


class _PaintCounter:
    """Counts the paint events of a widget (every measured frame must have painted)."""

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self.filter = Filter(widget)
        widget.installEventFilter(self.filter)


def _stats(times_s: list[float]) -> dict:
    ms = np.asarray(times_s) * 1000.0
    return {"frames": len(ms), "p50_ms": round(float(np.percentile(ms, 50)), 1),
            "p95_ms": round(float(np.percentile(ms, 95)), 1), "max_ms": round(float(ms.max()), 1)}


def _circle(centre: np.ndarray, radius: float, vertices: int = 400) -> np.ndarray:
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    return np.c_[centre[0] + radius * np.cos(angles), centre[1] + radius * np.sin(angles)]


def measure_map(n: int, *, frames: int = 20) -> dict:
    """Frame times of one ``n``-point map in a ``VIEW_SIZE`` view (see the module docstring)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from heritage_explorer.gui.event_loop import run_until
    from heritage_explorer.gui.widgets.map_colouring import colour_by, points_in_polygon
    from heritage_explorer.gui.widgets.map_view import TILE, MapPointItem, MapView

    app = QApplication.instance()
    started = time.perf_counter()
    unit_xy, classes, years = synthetic_layout(n)
    side = max(1000.0, TILE * 1.5 * math.sqrt(n))  # as CollectionMapDialog._show
    xy = unit_xy * side
    thumbnails = SyntheticThumbnails()
    view = MapView(lambda _image_id: None)
    view.resize(*VIEW_SIZE)
    view.show()
    run_until(lambda: view.windowHandle() is not None and view.windowHandle().isExposed(), 5, poll_ms=5)
    colouring = colour_by(classes, classes=True)

    def make_item(row: int) -> MapPointItem:
        item = MapPointItem(row, f"synthetic/{row}.jpg", None, colouring.colours[row], thumbnails)
        item.setPos(QPointF(*xy[row]))
        return item

    view.set_points(xy, list(range(n)), colouring, make_item)
    build_s = time.perf_counter() - started

    paints = _PaintCounter(view.viewport())

    def frame(change: Callable[[], object], *, whole: bool = False) -> float:
        """The change, the thumbnail refresh, then the event loop until the paint it asked for is done."""
        t0 = time.perf_counter()
        change()
        view.refresh()  # what the 0 ms refresh timer does after a scroll or zoom
        if whole:
            view.viewport().update()
        for _ in range(2):  # the scene's batched update, then the viewport's paint
            app.processEvents()
        return time.perf_counter() - t0

    result: dict = {"n_points": n, "build_scene_s": round(build_s, 3)}
    view.fit()
    result["full_view"] = _stats([frame(lambda: None, whole=True) for _ in range(frames)])
    cell = np.minimum((unit_xy * 20).astype(int), 19) @ np.array([20, 1])  # a 20 x 20 grid of cells
    densest = xy[cell == np.argmax(np.bincount(cell, minlength=400))].mean(axis=0)  # zoom into its fullest cell
    centre = QPointF(*densest)
    fit_scale = view.transform().m11()

    def zoom_step(k: int) -> Callable[[], None]:
        def change() -> None:
            view.set_zoom(fit_scale * 1.25 ** k)
            view.centerOn(centre)
        return change

    steps = max(1, math.ceil(math.log(1.0 / fit_scale, 1.25)))  # from the whole map to 1:1 (thumbnails)
    result["zoom_steps"] = _stats([frame(zoom_step(k)) for k in range(1, steps + 1)])
    result["zoom_steps"]["steps_to_thumbnails"] = steps

    def pan(dx: int) -> Callable[[], None]:
        bar = view.horizontalScrollBar()
        return lambda: bar.setValue(bar.value() + dx)

    view.set_zoom(fit_scale * 4)  # dots only, a quarter of the map across
    view.centerOn(centre)
    view.refresh()
    result["pan_dots"] = _stats([frame(pan(40 if i < frames // 2 else -40)) for i in range(frames)])
    view.set_zoom(1.0)  # a tile is 64 px: thumbnails
    view.centerOn(centre)
    result["open_thumbnails"] = _stats([frame(lambda: None, whole=True)])
    result["open_thumbnails"]["thumbnail_items"] = len(view.thumbnails)
    result["pan_thumbnails"] = _stats([frame(pan(40 if i < frames // 2 else -40)) for i in range(frames)])
    result["pan_thumbnails"]["thumbnail_items"] = len(view.thumbnails)

    view.fit()
    view.refresh()
    distance = np.linalg.norm(xy - xy.mean(axis=0), axis=1)
    radius = float(np.quantile(distance, LASSO_SHARE))
    lasso_times, selected = [], []
    for i in range(max(3, frames // 4)):
        polygon = _circle(xy.mean(axis=0), radius * (1 + 0.01 * i))
        lasso_times.append(frame(lambda polygon=polygon: selected.append(
            view.set_selection(points_in_polygon(view.xy, polygon)) or int(view.selected.sum()))))
    result["lasso"] = _stats(lasso_times)
    result["lasso"]["points_selected"] = selected[-1]

    def recolour(values: list[str], as_classes: bool) -> Callable[[], None]:
        return lambda: view.set_colours(colour_by(values, classes=as_classes))

    result["recolour"] = _stats([frame(recolour(years, False) if i % 2 == 0 else recolour(classes, True))
                                 for i in range(max(4, frames // 4))])
    result["paints"] = paints.count
    view.close()
    view.deleteLater()
    return result


def run_map_bench(quick: bool = False) -> dict:
    """The measures at 100k (20k with ``quick``) and at the 10k reference, in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["heritage-explorer-bench"])  # noqa: F841 (kept alive)
    n = 20_000 if quick else 100_000
    load_before = os.getloadavg()
    measured = {"reference": measure_map(REFERENCE_N), "target": measure_map(n)}
    return {"synthetic": "clustered synthetic layout and in-memory thumbnails; the real MapView drawing path",
            "view_px": list(VIEW_SIZE), "platform": os.environ.get("QT_QPA_PLATFORM"),
            "load_average": [round(v, 2) for v in load_before], "load_average_after":
            [round(v, 2) for v in os.getloadavg()], **measured}


MEASURES = ("full_view", "zoom_steps", "pan_dots", "open_thumbnails", "pan_thumbnails", "lasso", "recolour")


def format_map_table(values: dict) -> str:
    """p50 / p95 frame times per measure, reference size against the target size."""
    ref, target = values["reference"], values["target"]
    lines = [f"  {values['synthetic']}; view {values['view_px'][0]}x{values['view_px'][1]}, "
             f"load average {values['load_average'][0]} -> {values['load_average_after'][0]}",
             f"  {'frame':<18} {ref['n_points']:>8,} p50 / p95 ms   {target['n_points']:>8,} p50 / p95 ms"]
    for name in MEASURES:
        lines.append(f"  {name:<18} {ref[name]['p50_ms']:>10.1f} / {ref[name]['p95_ms']:<9.1f}"
                     f"{target[name]['p50_ms']:>13.1f} / {target[name]['p95_ms']:.1f}")
    lines.append(f"  build scene s      {ref['build_scene_s']:>10}{target['build_scene_s']:>26}")
    lines.append(f"  lasso selects {target['lasso']['points_selected']:,} points at {target['n_points']:,}; "
                 f"{target['pan_thumbnails']['thumbnail_items']} thumbnail items in view close in")
    return "\n".join(lines)

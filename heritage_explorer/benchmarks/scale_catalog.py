"""The catalog at scale (issue #20, ``bench scale``): import rate, filter latency, first screen, counts.

A synthetic catalog of ``rows`` images (fake paths, 1,000 classes, a title and a year each; the
files need not exist, the catalog's cost does not depend on them) is imported through
:meth:`Catalog.add_listing` in sources of 100,000 images (one transaction each), then filtered
the way the grid filters it: the first page of matches and their count.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from heritage_explorer.core.catalog import CATALOG_NAME, Catalog
from heritage_explorer.core.catalog_search import ImageFilter
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.records import SourceImage, SourceListing

QUICK_ROWS = 200_000
FULL_ROWS = 1_000_000
BATCH = 100_000
PAGE = 200  # rows the grid asks for first (a screen is ~60 cells at 128 px)
BYTES_PER_ROW = 1_500  # catalog + FTS index + WAL at import, measured ~1 kB; with margin
N_CLASSES = 1_000
STREETS = ["rue de rivoli", "quai voltaire", "place vendôme", "boulevard haussmann", "pont neuf",
           "avenue foch", "rue mouffetard", "place des vosges", "canal saint martin", "île de la cité"]
FILTERS = [
    ImageFilter("vendome"),  # a word in 10 % of the rows
    ImageFilter("1912"),  # a year: 1 %
    ImageFilter("img_0004242"),  # one file
    ImageFilter("photo"),  # every row: the worst count
    ImageFilter(group="class0042"),  # a class: 0.1 %
    ImageFilter("pont", group="class0004"),  # text and class together
    ImageFilter("nowhere"),  # no match
]


def check_disk(rows: int, workdir: str | Path | None) -> None:
    """A clear error before any work when the catalog would not fit on the disk."""
    where = Path(workdir or tempfile.gettempdir())
    need, free = rows * BYTES_PER_ROW, shutil.disk_usage(where).free
    if rows <= 0:
        raise HeritageError(f"bench scale: --size must be positive (got {rows})")
    if need > free:
        raise HeritageError(f"bench scale: a {rows:,}-row catalog needs ~{need / 2**30:.1f} GiB in {where}, "
                            f"only {free / 2**30:.1f} GiB free; choose a smaller --size")


def synthetic_listing(root: Path, start: int, count: int) -> SourceListing:
    images = [
        SourceImage(
            path=f"box{i // 1000:04d}/img_{i:07d}.jpg",
            group=f"class{i % N_CLASSES:04d}",
            is_query=i % 50 == 0,
            metadata={"title": f"photo {i}, {STREETS[i % len(STREETS)]}", "year": str(1850 + i % 100)},
        )
        for i in range(start, start + count)
    ]
    return SourceListing(kind="csv", source=f"synthetic-{start}.csv", root=root, images=images)


def _ms(fn: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times)


def first_screen_query_s(path: Path) -> float:
    """What the grid's first screen needs of a freshly opened catalog: its total, its class labels
    and the first page of rows (the Qt side is measured by gui.bench_gui when Qt is available)."""
    t0 = time.perf_counter()
    catalog = Catalog(path, create=False)
    catalog.count_matching()
    catalog.group_labels()
    catalog.thumbnail_rows(limit=PAGE)
    elapsed = time.perf_counter() - t0
    catalog.close()
    return elapsed


def run_scale_catalog_bench(
    rows: int = QUICK_ROWS, *, workdir: str | Path | None = None,
    grid: Callable[[Path], dict] | None = None,
) -> dict:
    """Build a ``rows``-image catalog in a temporary folder and measure it; a JSON-able dict.

    ``grid(catalog_path)`` measures the real grid's first screen and its event-loop lag while
    scrolling (the GUI layer provides it, ``gui.bench_gui.grid_measures``; benchmarks do not import
    Qt); without it, the catalog queries of the first screen are timed and no scroll is measured.
    """
    check_disk(rows, workdir)
    with tempfile.TemporaryDirectory(prefix="he-bench-catalog-", dir=workdir) as tmp:
        root = Path(tmp)
        path = root / CATALOG_NAME
        catalog = Catalog(path)
        import_s = 0.0
        for start in range(0, rows, BATCH):
            listing = synthetic_listing(root, start, min(BATCH, rows - start))
            t0 = time.perf_counter()
            catalog.add_listing(listing)
            import_s += time.perf_counter() - t0
            del listing
        filters = {}
        for f in FILTERS:
            page_ms = _ms(lambda f=f: catalog.thumbnail_rows(f, limit=PAGE))
            count_ms = _ms(lambda f=f: catalog.count_matching(f))
            filters[f"{f.text or '-'}|{f.group or '-'}"] = {"page_ms": round(page_ms, 2), "count_ms": round(count_ms, 2),
                                                            "matches": catalog.count_matching(f)}
        count_ms = _ms(catalog.count_images)
        catalog.close()
        size = sum(p.stat().st_size for p in root.glob(CATALOG_NAME + "*"))
        measured = grid(path) if grid is not None else {"first_screen_s": first_screen_query_s(path)}
        totals = [v["page_ms"] + v["count_ms"] for v in filters.values()]
    return {
        "rows": rows,
        "import_rows_per_s": round(rows / import_s),
        "filter_ms": round(max(totals), 2),  # the slowest filter: first page + its count
        "filter_median_ms": round(statistics.median(totals), 2),
        "grid_first_screen_s": round(measured["first_screen_s"], 3),
        "grid_first_screen_measures": "window" if grid is not None else "catalog queries",
        "grid_scroll": ({k: measured[k] for k in ("scroll_seconds", "scroll_rows_loaded", "scroll_lag_ms")}
                        if grid is not None else None),
        "count_ms": round(count_ms, 3),
        "catalog_bytes": size,
        "filters": filters,
    }

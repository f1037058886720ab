"""``heritage-explorer bench``: performance figures, each against a reference measured in the same run."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable

from heritage_explorer.cli.output import emit_json
from heritage_explorer.core.errors import HeritageError


def _extraction(quick: bool) -> dict:
    from heritage_explorer.benchmarks.extraction import run_extraction_bench

    return {"extraction": run_extraction_bench(quick)}


def _decode(quick: bool) -> dict:
    from heritage_explorer.benchmarks.decode import run_decode_bench

    return {"decode": run_decode_bench(quick)}


def _search(quick: bool) -> dict:
    from heritage_explorer.benchmarks.search import run_search_bench

    return run_search_bench(quick)


def _memory(quick: bool) -> dict:
    from heritage_explorer.benchmarks.memory import run_memory_bench

    return {"memory": run_memory_bench(quick)}


def _local(quick: bool) -> dict:
    from heritage_explorer.benchmarks.local import run_local_bench

    return {"local": run_local_bench(quick), **_local_index(quick)}


def _local_index(quick: bool) -> dict:
    from heritage_explorer.benchmarks.local_index import run_local_index_bench

    return {"local_index": run_local_index_bench(quick)}


def _adapt(quick: bool) -> dict:
    from heritage_explorer.benchmarks.adapt import run_adapt_bench

    return {"adapt": run_adapt_bench(quick, report=lambda line: print(line, file=sys.stderr, flush=True))}


def _engines(quick: bool) -> dict:
    from heritage_explorer.benchmarks.engines import run_engines_bench

    return {"engines": run_engines_bench(quick)}


def _near_duplicates(quick: bool) -> dict:
    from heritage_explorer.benchmarks.near_duplicates import run_near_duplicates_bench

    return {"near_duplicates": run_near_duplicates_bench(quick)}


def _gui(quick: bool) -> dict:
    from heritage_explorer.gui.bench_gui import run_gui_bench

    return {"gui": run_gui_bench(n_images=20_000 if quick else 100_000)}


def _map(quick: bool) -> dict:
    from heritage_explorer.gui.bench_map import run_map_bench

    return {"map": run_map_bench(quick)}


def _scale_rows(quick: bool, size: int | None) -> int:
    from heritage_explorer.benchmarks.scale_catalog import FULL_ROWS, QUICK_ROWS

    return size if size is not None else QUICK_ROWS if quick else FULL_ROWS


def _check_scale(quick: bool, size: int | None) -> None:
    """Refuse a size the machine cannot hold before any section runs (catalog disk, index memory/disk)."""
    import tempfile
    from pathlib import Path

    from heritage_explorer.benchmarks.scale_catalog import check_disk
    from heritage_explorer.benchmarks.scale_index import DIM, check_resources

    rows = _scale_rows(quick, size)
    check_disk(rows, None)
    check_resources(rows, DIM, Path(tempfile.gettempdir()))


def _scale(quick: bool, size: int | None = None) -> dict:
    """``{"scale": {"catalog": ..., "index": ...}}``: a ``size``-row catalog, then the index at ``size`` × 512."""
    from heritage_explorer.benchmarks.scale_catalog import run_scale_catalog_bench
    from heritage_explorer.benchmarks.scale_index import run_scale_index_bench

    try:  # the real grid when Qt is installed; else the catalog queries of the first screen
        from heritage_explorer.gui.bench_gui import grid_measures
    except ImportError:
        grid_measures = None
    rows = _scale_rows(quick, size)
    catalog = run_scale_catalog_bench(rows, grid=grid_measures)
    return {"scale": {"catalog": catalog, "index": run_scale_index_bench(quick, size=rows)}}


# section name -> runner; `gui` only on request (it needs a Qt platform).
SECTIONS: dict[str, Callable[..., dict]] = {
    "extraction": _extraction,
    "decode": _decode,
    "search": _search,
    "memory": _memory,
    "local": _local,  # extraction and shortlist verification, then the local index (local-index)
    "local-index": _local_index,
    "gui": _gui,
    "map": _map,  # issue #21 part 3: collection map frame times at 100k against 10k (needs a Qt platform)
    "scale": _scale,
    "adapt": _adapt,  # adaptation to the collection (issue #19): mining, precision, base vs adapted mAP
    "engines": _engines,  # inference engines of the default backbone, against torch fp32 / bf16
    "near-duplicates": _near_duplicates,  # issue #21 part 2: the grouping against its previous sequential path
}
SIZED_SECTIONS = {"scale"}  # the sections --size applies to
DEFAULT_SECTIONS = ["extraction", "decode", "search", "memory", "local"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure extraction, decoding, search, memory, local re-ranking and "
                       "the local index, GUI")
    p.add_argument("sections", nargs="*", metavar="SECTION",
                   help=f"sections to run (default: {' '.join(DEFAULT_SECTIONS)}; also: local-index "
                        "(the local index alone), gui, map, scale, adapt, engines, near-duplicates)")
    p.add_argument("--quick", action="store_true", help="smaller sizes: the whole run in a few minutes")
    p.add_argument("--size", type=int, metavar="N",
                   help="catalog rows and index vectors of the scale section (default: 200,000 with --quick, else 1,000,000)")
    p.add_argument("--out", default="bench.json", help="JSON result file (default: bench.json)")
    p.set_defaults(handler=cmd_bench)


def machine_info() -> dict:
    from heritage_explorer import __version__

    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "heritage_explorer": __version__,
    }


def cmd_bench(args: argparse.Namespace) -> int:
    sections = args.sections or DEFAULT_SECTIONS
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        raise HeritageError(f"unknown bench section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    if args.size is not None and not SIZED_SECTIONS & set(sections):
        raise HeritageError(f"--size applies to the {', '.join(sorted(SIZED_SECTIONS))} section only")
    if "scale" in sections:  # bad sizes are refused before any section runs
        _check_scale(args.quick, args.size)
    result: dict = {"machine": machine_info(), "quick": args.quick}
    for name in sections:
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        result.update(SECTIONS[name](args.quick, args.size) if name in SIZED_SECTIONS else SECTIONS[name](args.quick))
        print(f"bench: {name} done in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    emit_json(result, args.out)
    print(format_bench(result))
    print(f"\nwritten to {args.out}")
    return 0


def format_bench(result: dict) -> str:
    """One block per section: ``metric  value`` lines, nested dicts flattened with dots."""
    lines = []
    for section, values in result.items():
        if not isinstance(values, dict):
            continue
        lines.append(f"[{section}]")
        if section == "search":
            from heritage_explorer.benchmarks.search import format_search_table

            lines.append(format_search_table({"search": values}))
            continue
        if section == "local_index":
            from heritage_explorer.benchmarks.local_index import format_local_index_table

            lines.append(format_local_index_table(values))
            continue
        if section == "scale":
            from heritage_explorer.benchmarks.scale_index import format_scale_index_table

            if "catalog" in values:
                lines.extend(f"  catalog.{key:<50} {value}" for key, value in _flatten(values["catalog"]))
            if "index" in values:
                lines.append(format_scale_index_table(values["index"]))
            continue
        if section == "adapt":
            from heritage_explorer.benchmarks.adapt import format_adapt_table

            lines.append(format_adapt_table(values))
            continue
        if section == "engines":
            from heritage_explorer.benchmarks.engines import format_engines_table

            lines.append(format_engines_table(values))
            continue
        if section == "near_duplicates":
            from heritage_explorer.benchmarks.near_duplicates import format_near_duplicates_table

            lines.append(format_near_duplicates_table(values))
            continue
        if section == "map":
            from heritage_explorer.gui.bench_map import format_map_table

            lines.append(format_map_table(values))
            continue
        if section == "memory":
            from heritage_explorer.benchmarks.memory import format_memory_table

            lines.append(format_memory_table(values))
            continue
        for key, value in _flatten(values):
            lines.append(f"  {key:<58} {json.dumps(value) if isinstance(value, (list, bool)) else value}")
    return "\n".join(lines)


def _flatten(values: dict, prefix: str = ""):
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, name + ".")
        else:
            yield name, value

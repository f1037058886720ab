"""The map command: a 2-D layout of the collection by a method's descriptors (issue #21 part 3)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from heritage_explorer.cli.output import ProgressPrinter, emit_json, project_arg


def register(sub: argparse._SubParsersAction) -> None:
    from heritage_explorer.pipeline.collection_map import ALGORITHMS, DEFAULT_ALGORITHM

    p = sub.add_parser("map", help="lay the collection out in 2-D by a method's stored global descriptors "
                                   "(JSON points, optional PNG scatter coloured by group)")
    project_arg(p)
    p.add_argument("--method", required=True, metavar="SPEC",
                   help="global method whose descriptors are extracted (see 'heritage-explorer methods')")
    p.add_argument("--json", required=True, metavar="FILE",
                   help="write {\"points\": [{\"path\", \"x\", \"y\"}, ...]} here (atomically; '-' for stdout)")
    p.add_argument("--png", type=Path, metavar="FILE", help="also draw the map as a PNG, coloured by group")
    p.add_argument("--algorithm", choices=ALGORITHMS, default=DEFAULT_ALGORITHM,
                   help=f"layout: openTSNE (tsne) or UMAP (umap); default {DEFAULT_ALGORITHM} "
                        "(README, Collection map)")
    p.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same map (default 0)")
    p.set_defaults(handler=cmd_map)


def cmd_map(args: argparse.Namespace) -> int:
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.collection_map import compute_map, write_map_png

    project = open_project(args.project)
    with ProgressPrinter() as printer:
        collection_map = compute_map(project, args.method, algorithm=args.algorithm, seed=args.seed,
                                     progress=printer)
    emit_json(collection_map.to_json(), args.json)
    if args.png is not None:
        write_map_png(collection_map, args.png)
    figures = collection_map.neighbourhood
    summary = (f"{len(collection_map.points)} images laid out by {args.method} with {args.algorithm} in "
               f"{collection_map.seconds:.1f} s")
    if figures is not None:
        summary += (f"; kNN recall@{figures.k} {figures.knn_recall:.3f}, "
                    f"trustworthiness@{figures.k} {figures.trustworthiness:.3f}")
    if collection_map.left_out:
        summary += f"; {collection_map.left_out} images without a current descriptor left out"
    print(summary, file=sys.stderr)
    return 0

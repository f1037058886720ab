"""The near-duplicates command: groups of copies of one photograph (issue #21 part 2)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from heritage_explorer.cli.output import ProgressPrinter, project_arg


def register(sub: argparse._SubParsersAction) -> None:
    from heritage_explorer.pipeline.near_duplicates import DEFAULT_METHOD, DEFAULT_THREADS, DEFAULT_THRESHOLD

    p = sub.add_parser("near-duplicates", help="group the copies of one photograph (rescaled, recompressed, "
                                               "cropped, framed, recoloured, rotated, mildly warped)")
    project_arg(p)
    p.add_argument("--method", default=DEFAULT_METHOD, metavar="SPEC",
                   help=f"global descriptor whose nearest neighbours are the candidates (default {DEFAULT_METHOD}; "
                        "its descriptors must be extracted)")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"largest photometric residual of a copy after alignment (default {DEFAULT_THRESHOLD}; "
                        "lower: fewer, surer groups)")
    p.add_argument("-k", type=int, default=10, help="descriptor neighbours verified per image (default 10)")
    p.add_argument("--threads", type=int, default=DEFAULT_THREADS,
                   help=f"threads for the image features and the pair verifications (default {DEFAULT_THREADS}; "
                        "the groups do not depend on it)")
    p.add_argument("--json", type=Path, metavar="FILE", help="write {\"groups\": [{\"images\", \"representative\"}]} "
                                                             "to FILE (atomically); '-' for stdout")
    p.set_defaults(handler=cmd_near_duplicates)


def cmd_near_duplicates(args: argparse.Namespace) -> int:
    from heritage_explorer.cli.output import emit_json
    from heritage_explorer.core.errors import HeritageError
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.near_duplicates import DecisionRule, near_duplicate_groups

    if args.threshold <= 0:
        raise HeritageError(f"near-duplicates: --threshold must be positive, not {args.threshold}")
    if args.k < 1:
        raise HeritageError(f"near-duplicates: -k must be at least 1, not {args.k}")
    if args.threads < 1:
        raise HeritageError(f"near-duplicates: --threads must be at least 1, not {args.threads}")
    project = open_project(args.project)
    with ProgressPrinter() as printer:
        result = near_duplicate_groups(project, args.method, DecisionRule(threshold=args.threshold), k=args.k,
                                       threads=args.threads, progress=printer)
    for path, reason in result.skipped:
        print(f"  left out: {path}: {reason}", file=sys.stderr)
    if args.json is not None:
        emit_json(result.to_json(), args.json)
    else:
        for members, representative in zip(result.groups, result.representatives, strict=True):
            print(f"{representative}\t" + "\t".join(m for m in members if m != representative))
    print(f"{len(result.groups)} groups of near-duplicates ({sum(len(g) for g in result.groups)} images) among "
          f"{result.images} images; {result.checked_pairs} of {result.candidate_pairs} candidate pairs verified "
          f"({result.filtered_pairs} dropped by the pre-filter, {result.joined_pairs} already joined), "
          f"{result.described_images} images described", file=sys.stderr)
    return 0

"""The export command: a search's results, a group or a selection as CSV, JSON or IIIF (issue #21 part 4)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from heritage_explorer.cli.output import project_arg
from heritage_explorer.core.errors import HeritageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export a search's results, a group or a selection as CSV, JSON or a "
                                      "IIIF Presentation 3 manifest, with the archivist's annotations")
    project_arg(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--query", metavar="IMG", help="the results of searching IMG (a catalog path, #id or any "
                                                     "image file), as 'search' ranks them; needs --method")
    what.add_argument("--group", metavar="N", help="the images whose group (class) is N")
    what.add_argument("--selection", type=Path, metavar="FILE",
                      help="the images a text file lists, one catalog path per line")
    p.add_argument("--method", metavar="SPEC", help="the method of --query (see 'heritage-explorer methods')")
    p.add_argument("-k", type=int, default=10, help="number of results of --query (default 10)")
    p.add_argument("--region", metavar="X,Y,W,H", help="--query with this box of the query image only, as "
                   "'search --region' (each result of a local method keeps the box where it was found)")
    p.add_argument("--format", required=True, choices=["csv", "json", "iiif"])
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="file to write (atomically)")
    p.add_argument("--base-url", metavar="URL", help="iiif: the id the manifest will be published under; its "
                                                     "canvases and annotations get ids below it (default: the "
                                                     "output file's file:// URI)")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from heritage_explorer.cli.engine import _resolve_query
    from heritage_explorer.core.regions import parse_box
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.export import group_export, query_export, selection_export, write_export

    if args.query is None and (args.method is not None or args.region is not None):
        raise HeritageError("export: --method and --region apply to --query only")
    if args.query is not None and args.method is None:
        raise HeritageError("export: --query needs --method SPEC (see 'heritage-explorer methods')")
    project = open_project(args.project)
    if args.query is not None:
        image_id, image_path = _resolve_query(project, args.query)
        if image_path is not None and not image_path.is_file():
            raise HeritageError(f"{args.query}: not an image of this project, and no such file")
        export = query_export(project, args.method, query=args.query, image_id=image_id, image_path=image_path,
                              k=args.k, region=parse_box(args.region) if args.region is not None else None)
    elif args.group is not None:
        export = group_export(project, args.group)
    else:
        export = selection_export(project, args.selection)
    write_export(export, args.format, args.out, base_url=args.base_url)
    for path, reason in export.skipped:
        print(f"  left out: {path}: {reason}", file=sys.stderr)
    print(f"{args.out}: {len(export.items)} images ({export.title}) as {args.format}", file=sys.stderr)
    return 0

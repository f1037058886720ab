"""Engine commands: methods, import, status, extract, index, search, evaluate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from heritage_explorer.cli.output import ProgressPrinter, emit_json, format_table, method_arg, project_arg
from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.network_guard import host_argument
from heritage_explorer.descriptors.engines import ENGINES

ENGINE_NAMES = list(ENGINES)

if TYPE_CHECKING:
    from heritage_explorer.pipeline import Project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("methods", help="list the descriptor methods the registry offers")
    p.add_argument("--project", metavar="P", help="also list the methods learned in project P "
                   "(kind 'adapted': BASE+adapt:NAME, see 'adapt')")
    p.add_argument("--json", action="store_true", help="print JSON: {\"methods\": [...]}")
    p.set_defaults(handler=cmd_methods)

    p = sub.add_parser("weights", help="known weight files: where they are found, or download one (needs a network)")
    p.add_argument("--download", metavar="FILE", help="file name to download, e.g. resnet50-11ad3fa6.pth")
    p.add_argument("--dest", type=Path, help="folder to download into (default: torch's hub cache)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_weights)

    p = sub.add_parser("import", help="add a folder, a CSV (path,group,query,...) or an IIIF manifest to a project")
    project_arg(p)
    p.add_argument("source", help="folder, CSV file, IIIF manifest file or http(s) URL")
    p.add_argument("--allow-absolute", action="store_true", help="let CSV paths, and the local images of a IIIF manifest file, point outside the CSV's "
                        "or manifest's folder")
    p.add_argument("--allow-host", action="append", default=[], type=host_argument, metavar="HOST",
                   help="let IIIF downloads connect to HOST (a name, an address or a network like 10.1.0.0/16) "
                        "although it is loopback, private or link-local (refused by default); repeatable")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE", help="write the summary as JSON (stdout if no FILE)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("status", help="images of a project with their status and errors")
    project_arg(p)
    p.add_argument("--json", nargs="?", const="-", metavar="FILE")
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("images", help="images of a project matching words of their path, class or metadata")
    project_arg(p)
    p.add_argument("--filter", default="", metavar="TEXT", help="words, each the start of a word of the image's "
                   "path, class or metadata values (all required)")
    p.add_argument("--group", help="only this class")
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", nargs="?", const="-", metavar="FILE")
    p.set_defaults(handler=cmd_images)

    p = sub.add_parser("extract", help="compute descriptors (resumable: re-run to continue)")
    project_arg(p)
    method_arg(p, required=True)
    p.add_argument("--engine", choices=ENGINE_NAMES, metavar="ENGINE",
                   help=f"inference engine of the CNN methods ({', '.join(ENGINE_NAMES)}); default: each "
                        "store keeps the engine that made it, a new store gets the default engine (see "
                        "'methods'); a store is never extended with another engine")
    p.add_argument("--precision", choices=["bf16", "fp32"],
                   help="same as --engine torch-bf16 / torch-fp32")
    p.add_argument("--storage", choices=["float32", "float16"],
                   help="how vectors are stored (float16: half the disk space and page cache of the store, mAP within 0.001); "
                        "default: keep each store's current choice, float32 for a new one")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="extract on a local Dask cluster of N worker processes (needs the 'distributed' extra)")
    where.add_argument("--distributed", metavar="ADDRESS",
                       help="extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
                            "workers must see the images and the project folder at the same paths")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE")
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser("index", help="build or update the HNSW index of a method")
    project_arg(p)
    method_arg(p, required=True)
    p.add_argument("--rebuild", action="store_true")
    p.set_defaults(handler=cmd_index)

    p = sub.add_parser("search", help="top-k most similar images to a catalog image or an external file")
    project_arg(p)
    p.add_argument("--method", required=True)
    p.add_argument("--image", required=True, help="a catalog path, an image id (#12) or any image file")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--region", metavar="X,Y,W,H",
                   help="search with this box of the query image only, in pixels of the original image: global "
                        "methods describe the crop, local ones match the keypoints inside it and give each result "
                        "the box where the region was found")
    p.add_argument("--json", action="store_true", help="print {\"results\": [{\"rank\", \"path\", \"score\"}, ...]}"
                   " (with --region and a local method each result also has \"box\": [x, y, w, h] or null)")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("matches", help="draw the geometrically verified matches of two images (local methods)")
    project_arg(p)
    p.add_argument("--method", required=True, help="a local spec (orb-1000, xfeat-1000, ...) or GLOBAL>>LOCAL@K")
    p.add_argument("a", help="first image: catalog path, #id or file")
    p.add_argument("b", help="second image: catalog path, #id or file")
    p.add_argument("--out", required=True, type=Path, help="PNG to write")
    p.set_defaults(handler=cmd_matches)

    p = sub.add_parser("evaluate", help="mAP per class and global mAP of methods on the project's classes")
    project_arg(p)
    method_arg(p, required=True)
    p.add_argument("--grayscale", action="store_true", help="also evaluate on grayscale images (Alegoria Table 2)")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE")
    p.set_defaults(handler=cmd_evaluate)


def cmd_methods(args: argparse.Namespace) -> int:
    from heritage_explorer.descriptors.engines import ENGINES, resolve_engine
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.method_list import available_methods, fitted_on_collection

    methods = available_methods(open_project(args.project, read_only=True) if args.project is not None else None)
    default = resolve_engine(None)
    engines = [{"name": e.name, "installed": e.available, "default": e.name == default.name,
                "description": e.description} for e in ENGINES.values()]
    if args.json:
        emit_json({"methods": [
            {"spec": m.spec, "kind": m.kind, "dim": m.dim, "description": m.description, "weights": m.weights,
             "available": m.available, "fitted_on_collection": fitted_on_collection(m.spec)}
            for m in methods
        ], "engines": engines}, "-")
        return 0
    rows = [[m.spec, m.kind, str(m.dim), "yes" if m.available else "no", m.description] for m in methods]
    print(format_table(["spec", "kind", "dim", "weights", "description"], rows))
    print("\nengines of the CNN methods (extract --engine):")
    print(format_table(["engine", "installed", "default", "description"],
                       [[e["name"], "yes" if e["installed"] else "no", "yes" if e["default"] else "",
                         e["description"]] for e in engines]))
    if default.note:
        print(f"note: {default.note}")
    return 0


def cmd_weights(args: argparse.Namespace) -> int:
    from heritage_explorer.descriptors import weights

    if args.download:
        with ProgressPrinter() as printer:
            done = weights.download_weights(args.download, args.dest or weights.hub_checkpoints_dir(), progress=printer)
        print(f"{done.path}: sha256 {done.sha256}" + (" (verified)" if done.verified else " (no known hash)"))
        return 0
    rows = []
    for known in weights.KNOWN_WEIGHTS:
        location = weights.find_weights(known.backbone)
        here = location is not None and location.path.name == known.filename
        rows.append({"file": known.filename, "backbone": known.backbone, "origin": known.origin,
                     "licence": known.licence, "url": known.url, "present": str(location.path) if here else None})
    if args.json:
        emit_json({"weights": rows}, "-")
        return 0
    print(format_table(["file", "backbone", "present", "origin"],
                       [[r["file"], r["backbone"], r["present"] or "-", r["origin"]] for r in rows]))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from heritage_explorer.core.catalog import CATALOG_NAME
    from heritage_explorer.core.errors import SourceFormatError
    from heritage_explorer.pipeline import import_source, open_project

    new_project = not (args.project / CATALOG_NAME).exists()
    project = open_project(args.project, create=True)
    try:
        with ProgressPrinter() as printer:
            summary = import_source(project, args.source, allow_absolute=args.allow_absolute,
                                    allow_hosts=args.allow_host, progress=printer)
    except SourceFormatError:
        if new_project:  # the source was refused before anything was recorded: leave no empty project
            _remove_empty_project(project)
        raise
    counts = project.catalog.count_images()
    print(f"{summary.source}: {summary.listed} images listed, {summary.new_or_changed} new or changed; "
          f"catalog: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())), file=sys.stderr)
    for path, reason in summary.errors:
        print(f"  problem: {path}: {reason}", file=sys.stderr)
    if args.json:
        emit_json(summary.to_json(), args.json)
    return 0


def _remove_empty_project(project: Project) -> None:
    """Undo the creation of a project whose first import failed: its catalog, then its empty folders."""
    from heritage_explorer.core.catalog import CATALOG_NAME

    project.catalog.close()
    for suffix in ("", "-wal", "-shm"):
        (project.root / (CATALOG_NAME + suffix)).unlink(missing_ok=True)
    for folder in (project.cache_dir / "iiif", project.cache_dir, project.root):
        try:
            folder.rmdir()  # only if empty: nothing of the user's is ever removed
        except OSError:
            pass


def cmd_images(args: argparse.Namespace) -> int:
    from heritage_explorer.core.catalog_search import ImageFilter
    from heritage_explorer.core.errors import HeritageError
    from heritage_explorer.pipeline import open_project

    if args.limit <= 0 or args.offset < 0:
        raise HeritageError(f"images: --limit must be positive and --offset not negative (got {args.limit}, {args.offset})")
    catalog = open_project(args.project).catalog
    ids = catalog.search_image_ids(args.filter, group=args.group, limit=args.limit, offset=args.offset)
    total = catalog.count_matching(ImageFilter(args.filter, args.group))
    images = [{"id": r.id, "path": r.path, "group": r.group, "status": r.status, "metadata": r.metadata}
              for r in catalog.images(ids=ids)]
    if args.json:
        emit_json({"total": total, "offset": args.offset, "images": images}, args.json)
        return 0
    print(f"{total} images match" + (f" (showing {len(images)} from {args.offset})" if len(images) < total else ""))
    for image in images:
        print(f"  {image['id']:>8}  {image['group'] or '-':<16} {image['path']}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.engines import describe_stores
    from heritage_explorer.pipeline.search import saved_indexes

    project = open_project(args.project)
    indexes = saved_indexes(project)
    stores = describe_stores(project)
    if args.json:
        emit_json({"images": [{"id": r.id, "path": r.path, "status": r.status, "error": r.error, "group": r.group}
                              for r in project.catalog.images()],
                   "counts": project.catalog.count_images(), "indexes": indexes, "descriptors": stores}, args.json)
        return 0
    counts = project.catalog.count_images()  # kept by triggers: no scan of a million rows
    print(f"{project.root}: {sum(counts.values())} images ("
          + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + ")")
    print(f"classes: {len(project.catalog.groups())}")
    for store in stores:
        if "error" in store:
            print(f"descriptors {store['spec']}: unreadable: {store['error']}")
            continue
        engine = f", engine {store['engine']}" if store["engine"] else ""
        print(f"descriptors {store['spec']}: {store['count']} vectors of {store['dim']} dimensions "
              f"({store['storage']}{engine})")
    for name, described in indexes.items():
        if "error" in described:
            print(f"index {name}: unreadable: {described['error']}")
            continue
        params = ", ".join(f"{key}={value}" for key, value in described["params"].items() if key != "backend")
        print(f"index {name}: {described['backend']} ({params}), {described['count']} vectors of "
              f"{described['dim']} dimensions")
    problems = [r for status in counts if status != "ok" for r in project.catalog.images(status=status)]
    for row in sorted(problems, key=lambda r: r.id):
        print(f"  {row.status}: {row.path}: {row.error or ''}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.methods import extract_any

    project = open_project(args.project)
    if args.engine and args.precision and args.engine != f"torch-{args.precision}":
        raise HeritageError(f"--engine {args.engine} and --precision {args.precision} disagree; give one of them")
    engine = args.engine or (f"torch-{args.precision}" if args.precision else None)
    with ProgressPrinter() as printer:
        if args.workers is not None or args.distributed is not None:
            from heritage_explorer.descriptors.engines import resolve_engine
            from heritage_explorer.pipeline.distributed import extract_distributed

            summary = extract_distributed(project, args.method, scheduler=args.distributed, workers=args.workers,
                                          precision=resolve_engine(engine).name, storage=args.storage,
                                          progress=printer)
        else:
            summary = extract_any(project, args.method, precision=engine, storage=args.storage,
                                  progress=printer)
    for note in summary.notes:
        print(f"note: {note}", file=sys.stderr)
    for spec, reason in summary.discarded.items():
        print(f"{spec}: stored descriptors discarded and recomputed: {reason}", file=sys.stderr)
    for spec in summary.specs:
        engine = f" (engine {summary.engines[spec]})" if spec in summary.engines else ""
        print(f"{spec}: {summary.computed.get(spec, 0)} described, {summary.reused.get(spec, 0)} already up to date"
              f"{engine}", file=sys.stderr)
    print(f"{summary.seconds:.1f} s, {summary.images_per_s:.2f} images/s", file=sys.stderr)
    if summary.errors:
        print(f"{len(summary.errors)} unreadable image(s) skipped:", file=sys.stderr)
    for path, reason in summary.errors:
        print(f"  unreadable: {path}: {reason}", file=sys.stderr)
    if args.json:
        emit_json(summary.to_json(), args.json)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from heritage_explorer.pipeline import build_index, open_project

    project = open_project(args.project)
    for spec in args.method:
        index = build_index(project, spec, rebuild=args.rebuild)
        print(f"{spec}: {len(index)} vectors indexed in {project.index_dir(spec)}", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from heritage_explorer.core.regions import parse_box
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.methods import search_any

    region = parse_box(args.region) if args.region is not None else None
    project = open_project(args.project)
    image_id, image_path = _resolve_query(project, args.image)
    hits = search_any(project, args.method, image_id=image_id, image_path=image_path, k=args.k, region=region)
    if args.json:
        payload = {"query": args.image, "method": str(args.method)}
        if region is not None:
            payload["region"] = region.to_json()
        emit_json({**payload, "results": [h.to_json() for h in hits]}, "-")
        return 0
    boxes = [h.to_json().get("box", "") for h in hits]
    rows = [[str(h.rank), f"{h.score:.4f}", h.group or "", h.path] + ([_box_text(b)] if any(boxes) else [])
            for h, b in zip(hits, boxes, strict=True)]
    print(format_table(["rank", "score", "class", "path"] + (["box x,y,w,h"] if any(boxes) else []), rows))
    return 0


def _box_text(box: list[int] | None) -> str:
    return ",".join(map(str, box)) if box else "not verified"


def _resolve_query(project, text: str) -> tuple[int | None, Path | None]:
    """``#12`` → image id 12; a catalog path → its id; anything else → an external file."""
    if text.startswith("#") and text[1:].isdigit():
        return int(text[1:]), None
    row = project.catalog.find_image(text)
    if row is not None:
        return row.id, None
    return None, Path(text)


def cmd_matches(args: argparse.Namespace) -> int:
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.local import draw_matches

    project = open_project(args.project)
    refs = [i if i is not None else p for i, p in (_resolve_query(project, t) for t in (args.a, args.b))]
    pair = draw_matches(project, args.method, refs[0], refs[1], args.out)
    print(f"{pair.inliers} inliers / {len(pair.matches)} tentative matches -> {args.out}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.methods import evaluate_all

    project = open_project(args.project)
    with ProgressPrinter() as printer:
        results = evaluate_all(project, args.method, progress=printer)
        gray = evaluate_all(project, args.method, grayscale=True, progress=printer) if args.grayscale else None
    classes = sorted({c for r in results.values() for c in r.per_class})
    names = [str(m) for m in args.method]
    rows = [[c] + [_fmt(results[m].per_class.get(c)) for m in names] for c in classes]
    rows.append(["global mAP"] + [_fmt(results[m].global_map) for m in names])
    tables = sys.stderr if args.json == "-" else sys.stdout  # JSON on stdout stays parseable
    print(format_table(["class", *names], rows), file=tables)
    from heritage_explorer.pipeline.adapt import evaluation_protocol

    protocol = {str(m): evaluation_protocol(project, m) for m in args.method}
    payload = {"methods": {m: {"global_map": r.global_map, "per_class": r.per_class, "protocol": protocol[m]}
                           for m, r in results.items()}, "protocol": protocol}
    if gray is not None:
        from heritage_explorer.evaluation.variations import format_grayscale_table, grayscale_json

        original = {m: r.global_map for m, r in results.items()}
        grayscale = {m: r.global_map for m, r in gray.items()}
        print(file=tables)
        print(format_grayscale_table(original, grayscale), file=tables)
        payload["grayscale"] = {m: {"global_map": r.global_map, "per_class": r.per_class} for m, r in gray.items()}
        payload["grayscale_comparison"] = grayscale_json(original, grayscale)
    if args.json:
        emit_json(payload, args.json)
    return 0


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"




"""The labels command: the archivist's own label per image (issue #21 part 3; core/labels.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from heritage_explorer.cli.output import emit_json, project_arg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("labels", help="list the images' labels (the archivist's own, apart from the imported "
                                      "class), or set or clear them")
    project_arg(p)
    action = p.add_mutually_exclusive_group()
    action.add_argument("--set", metavar="LABEL", help="give LABEL to the images named (PATH ... or --selection)")
    action.add_argument("--clear", action="store_true", help="take the label off the images named")
    p.add_argument("paths", nargs="*", metavar="PATH", help="images: catalog path or absolute path")
    p.add_argument("--selection", type=Path, metavar="FILE",
                   help="images listed one per line, as 'export --selection' reads and the map's Export selection writes")
    p.add_argument("--json", metavar="FILE", help="list as {\"labels\": {PATH: LABEL}, \"counts\": {LABEL: N}} "
                                                  "to FILE; '-' for stdout")
    p.set_defaults(handler=cmd_labels)


def _named_images(project, paths: list[str], selection: Path | None) -> list[int]:
    """Catalog ids of ``paths`` and of the lines of ``selection``; an unknown one is an error."""
    from heritage_explorer.core.errors import HeritageError

    wanted = list(paths)
    if selection is not None:
        try:
            lines = selection.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise HeritageError(f"{selection}: cannot read the selection: {exc}") from exc
        wanted += [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not wanted:
        raise HeritageError("labels: name the images (PATH ... or --selection FILE)")
    ids, unknown = [], []
    for path in wanted:
        row = project.catalog.find_image(path)
        (unknown.append(path) if row is None else ids.append(row.id))
    if unknown:
        raise HeritageError(f"labels: not images of this project: {', '.join(unknown[:10])}"
                            + (f" (and {len(unknown) - 10} more)" if len(unknown) > 10 else ""))
    return list(dict.fromkeys(ids))


def cmd_labels(args: argparse.Namespace) -> int:
    from heritage_explorer.core.labels import image_labels, label_counts, set_labels
    from heritage_explorer.pipeline import open_project

    project = open_project(args.project)
    if args.set is not None or args.clear:
        ids = _named_images(project, args.paths, args.selection)
        changed = set_labels(project.catalog, dict.fromkeys(ids, None if args.clear else args.set))
        print(f"{changed} of {len(ids)} images " + ("unlabelled" if args.clear else f"labelled {args.set.strip()!r}"))
        return 0
    labels = image_labels(project.catalog)
    paths = {row.id: row.path for row in project.catalog.images(ids=labels)} if labels else {}
    counts = label_counts(project.catalog)
    if args.json is not None:
        emit_json({"labels": {paths[i]: labels[i] for i in sorted(labels)}, "counts": counts}, args.json)
    else:
        for label, n in counts.items():
            print(f"{label}\t{n}")
    return 0

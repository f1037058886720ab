"""Analysis commands: analyze, results, compare, revisited, report, annotations {import, export, show}.

They reproduce the analyses of Gominski et al. 2019 on a project (or on a plain results table):
Table 3 (per-class mAP with variation scores), Table 1 (correlation between variations and mAP),
per-query A-versus-B comparison, the revisited E/M/H protocol and an HTML report.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from heritage_explorer.cli.output import ProgressPrinter, emit_json, format_table, method_arg, project_arg
from heritage_explorer.core.atomic import atomic_write_text
from heritage_explorer.core.errors import HeritageError, ProjectError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="correlation between variation scores and per-class mAP (Alegoria Table 1)")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--table", type=Path, metavar="CSV",
                        help="a Table 3-style CSV: class, count, one mAP column per method, the 11 variation "
                             "columns (full names or Sc., Il., ...), optional Avg and Overall")
    source.add_argument("--project", type=Path, help="project directory (needs --method and annotations)")
    method_arg(p, required=False)
    p.add_argument("--overall", choices=["sum", "column"], default="sum",
                   help="overall difficulty: sum of the 11 scores (default, the paper's definition) or the "
                        "table's Overall column")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE",
                   help='write {"correlation": {VARIATION: {METHOD: r or null}}} (stdout if no FILE)')
    p.add_argument("--csv", type=Path, metavar="FILE", help="write the correlation table as CSV")
    p.set_defaults(handler=cmd_analyze)

    p = sub.add_parser("results", help="per-class mAP of methods with variation scores (Alegoria Table 3)")
    project_arg(p)
    method_arg(p, required=True)
    p.add_argument("--format", choices=["text", "csv", "json", "html"], default="text")
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(handler=cmd_results)

    p = sub.add_parser("compare", help="AP of every query under two methods: who wins where")
    project_arg(p)
    method_arg(p, required=True)
    p.add_argument("--top", type=int, default=10, help="how many of the largest differences to list")
    p.add_argument("--tolerance", type=float, default=1e-6, help="|ΔAP| at or below which a query is a tie")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE")
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("revisited", help="Easy/Medium/Hard mAP (revisited Oxford/Paris protocol)")
    project_arg(p)
    method_arg(p, required=True)
    p.add_argument("--column", metavar="NAME",
                   help="take judgments from this image metadata column (easy/hard/junk) instead of the "
                        "judgments table")
    p.add_argument("--interpolation", choices=["trapezoid", "step"], default="trapezoid",
                   help="AP as in the revisitop code (default) or as in the Alegoria paper")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE")
    p.set_defaults(handler=cmd_revisited)

    p = sub.add_parser("report", help="self-contained HTML report (+ CSV and JSON) of an evaluation")
    project_arg(p)
    method_arg(p, required=False)
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("annotations", help="variation annotations of the classes (Alegoria §2.2)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("import", help="read class,reference,<11 variations> rows from a CSV")
    project_arg(a)
    a.add_argument("file", type=Path)
    a.set_defaults(handler=cmd_annotations_import)
    a = actions.add_parser("export", help="write class,reference,<11 variations> rows to a CSV")
    project_arg(a)
    a.add_argument("file", type=Path)
    a.add_argument("--effective", action="store_true",
                   help="write each annotated class's effective scores (set ones, else derived from the "
                        "images ticked in the annotation panel) instead of only the scores set explicitly")
    a.set_defaults(handler=cmd_annotations_export)
    a = actions.add_parser("show", help="scores, overall difficulty and flag disagreements per class")
    project_arg(a)
    a.add_argument("--json", nargs="?", const="-", metavar="FILE")
    a.set_defaults(handler=cmd_annotations_show)


def _text_stream(args: argparse.Namespace) -> TextIO:
    """Where the human-readable output goes: stderr when the JSON goes to stdout, so stdout parses."""
    return sys.stderr if getattr(args, "json", None) == "-" else sys.stdout


def _write_or_print(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        atomic_write_text(out, text if text.endswith("\n") else text + "\n")
        print(f"wrote {out}", file=sys.stderr)


# -- project helpers -------------------------------------------------------------------------------
def _open(path: Path):
    from heritage_explorer.pipeline import open_project

    return open_project(path)


def _evaluate(project, specs: list):
    from heritage_explorer.pipeline.methods import evaluate_all

    with ProgressPrinter() as printer:
        return evaluate_all(project, specs, progress=printer)


def _project_table(project, specs: list):
    from heritage_explorer.pipeline.analysis import class_table

    results = _evaluate(project, specs)
    table, annotations = class_table(project, results)
    return table, results, annotations


# -- commands --------------------------------------------------------------------------------------
def cmd_analyze(args: argparse.Namespace) -> int:
    from heritage_explorer.evaluation.tables import read_results_csv

    if args.table is not None:
        if args.method:
            raise HeritageError("--method goes with --project; a --table has its own method columns")
        table = read_results_csv(args.table)
    else:
        if not args.method:
            raise HeritageError("--project needs at least one --method")
        if args.overall == "column":
            raise HeritageError("--overall column applies to a --table only")
        table, _, _ = _project_table(_open(args.project), args.method)
    if not table.annotated_rows:
        raise HeritageError("no class has variation scores: nothing to correlate")
    correlation = table.correlation(overall=args.overall)
    stream = _text_stream(args)
    print(f"Pearson r over {correlation.n_classes} classes (– : undefined, a constant column); "
          f"overall difficulty = {'sum of the 11 scores' if args.overall == 'sum' else 'the Overall column'}",
          file=stream)
    print(correlation.to_text(), file=stream)
    mismatches = table.overall_mismatches()
    for note in table.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.csv is not None:
        atomic_write_text(args.csv, correlation.to_csv())
    if args.json:
        payload = correlation.to_json()
        payload["overall"] = args.overall
        payload["overall_mismatches"] = [{"class": n, "column": p, "sum": s} for n, p, s in mismatches]
        emit_json(payload, args.json)
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    table, _, _ = _project_table(_open(args.project), args.method)
    text = {"text": table.to_text, "csv": table.to_csv, "json": table.to_json_text}.get(args.format)
    if text is not None:
        _write_or_print(text(), args.out)
    else:
        from heritage_explorer.evaluation.reports import render_html

        _write_or_print(render_html(table=table, provenance={"specs": [str(m) for m in args.method]}, correlation=None,
                                    comparisons=(), thumbnails={}, title="Results per class"), args.out)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from heritage_explorer.evaluation.comparison import compare_per_query

    if len(args.method) != 2:
        raise HeritageError(f"compare needs exactly two --method, got {len(args.method)}")
    results = _evaluate(_open(args.project), args.method)
    a, b = (str(m) for m in args.method)
    comparison = compare_per_query(results[a], results[b], names=(a, b), tolerance=args.tolerance)
    stream = _text_stream(args)
    print(f"mAP {a} {results[a].global_map:.4f}, {b} {results[b].global_map:.4f}", file=stream)
    print(comparison.summary(), file=stream)
    rows = [[f"#{q.query_id}", q.query_class, f"{q.ap_a:.3f}", f"{q.ap_b:.3f}", f"{q.difference:+.3f}"]
            for q in comparison.largest_differences(args.top)]
    if rows:
        print(f"\nlargest differences (AP {a} − AP {b}):", file=stream)
        print(format_table(["query", "class", f"AP {a}", f"AP {b}", "difference"], rows), file=stream)
    if args.json:
        emit_json(comparison.to_json(top=args.top), args.json)
    return 0


def cmd_revisited(args: argparse.Namespace) -> int:
    from heritage_explorer.core.annotations import AnnotationStore
    from heritage_explorer.core.judgments import judgments_from_column
    from heritage_explorer.evaluation.metrics import REVISITED_SETUPS
    from heritage_explorer.evaluation.variations import format_value
    from heritage_explorer.pipeline import extract_any
    from heritage_explorer.pipeline.ground_truth import evaluate_judged

    project = _open(args.project)
    if args.column:
        judgments = judgments_from_column(project.catalog.images(status="ok"), args.column)
    else:
        judgments = AnnotationStore(project.catalog).judgments()
    if not judgments:
        raise HeritageError("no judgments: fill the judgments table or name a metadata --column (easy/hard/junk)")
    with ProgressPrinter() as printer:
        extract_any(project, args.method, progress=printer)  # resumable; only what is missing
    payload, rows = {}, []
    for method in args.method:
        spec = str(method)
        result = evaluate_judged(project, method, interpolation=args.interpolation, judgments=judgments).result
        payload[spec] = result.to_json()
        rows.append([spec, *(format_value(result.map[s], 4) for s in REVISITED_SETUPS)])
    print(format_table(["method", "Easy mAP", "Medium mAP", "Hard mAP"], rows), file=_text_stream(args))
    if args.json:
        emit_json({"interpolation": args.interpolation, "methods": payload}, args.json)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from heritage_explorer.descriptors.method import parse_method
    from heritage_explorer.pipeline.analysis import described_specs, write_project_report

    project = _open(args.project)
    methods = args.method or [parse_method(spec) for spec in described_specs(project)]  # stored names: an edge
    if not methods:
        raise HeritageError("no method given and none extracted in this project: pass --method SPEC")
    outcome = write_project_report(project, args.out, [str(m) for m in methods], results=_evaluate(project, methods))
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(outcome.table.to_text())
    files = outcome.files
    for path in (files.html, files.results_csv, files.correlation_csv, files.json):
        if path is not None:
            print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_annotations_import(args: argparse.Namespace) -> int:
    from heritage_explorer.core.annotations import AnnotationStore

    classes = AnnotationStore(_open(args.project).catalog).import_csv(args.file)
    print(f"{args.file}: annotations of {len(classes)} classes imported", file=sys.stderr)
    return 0


def cmd_annotations_export(args: argparse.Namespace) -> int:
    from heritage_explorer.core.annotations import AnnotationStore

    n = AnnotationStore(_open(args.project).catalog).export_csv(args.file, effective=args.effective)
    print(f"{args.file}: {n} classes written", file=sys.stderr)
    return 0


def cmd_annotations_show(args: argparse.Namespace) -> int:
    from heritage_explorer.core.annotations import ABBREVIATIONS, VARIATIONS, AnnotationStore

    annotations = AnnotationStore(_open(args.project).catalog).all()
    if not annotations:
        raise ProjectError(f"{args.project}: no classes (import a collection with groups first)")
    if args.json:
        emit_json({"variations": list(VARIATIONS), "classes": [
            {"class": a.class_name, "count": a.class_size, "reference": a.reference_path,
             "scores": a.scores, "explicit": a.explicit, "derived": a.derived, "flag_counts": a.flag_counts,
             "overall_difficulty": a.overall,
             "disagreements": {v: {"explicit": e, "derived": d} for v, (e, d) in a.disagreements.items()}}
            for a in annotations.values()]}, args.json)
        return 0
    rows = []
    for a in annotations.values():
        cells = [f"{a.scores[v]}{'' if v in a.explicit or a.derived is None else '*'}"
                 f"{'!' if v in a.disagreements else ''}" for v in VARIATIONS]
        rows.append([a.class_name, str(a.class_size), a.reference_path or "–", *cells, str(a.overall)])
    print(format_table(["class", "#", "reference", *(ABBREVIATIONS[v] for v in VARIATIONS), "overall"], rows))
    print("* derived from per-image flags; ! explicit score and flags disagree")
    for a in annotations.values():
        for variation, (explicit, derived) in a.disagreements.items():
            print(f"{a.class_name}: {variation}: explicit {explicit}, from flags {derived} "
                  f"({a.flag_counts[variation]} of {a.class_size} images flagged)")
    return 0

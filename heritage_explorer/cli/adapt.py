"""``heritage-explorer adapt``: learn ``BASE+adapt:NAME`` from the project's own images (issue #19)."""

from __future__ import annotations

import argparse
import sys

from heritage_explorer.cli.output import ProgressPrinter, emit_json, project_arg


def register(sub: argparse._SubParsersAction) -> None:
    from heritage_explorer.pipeline import adapt as A

    p = sub.add_parser("adapt", help="adapt a global method to the collection: pairs mined by local verification, "
                       "learned whitening -> METHOD+adapt:NAME")
    project_arg(p)
    p.add_argument("--method", "--base", dest="method", required=True, metavar="BASE",
                   help="the global method to adapt, e.g. efflite0-gem")
    p.add_argument("--name", help="the adaptation's name ([a-z0-9][a-z0-9_-]*; default: from the project folder)")
    p.add_argument("--supervision", choices=A.SUPERVISIONS, default="none",
                   help="none (default: reads no label), labels (adds pairs of the catalog's groups; evaluated "
                        "on class-disjoint folds), judgments (adds the archivist's relevance judgments: relevant "
                        "= positive, not relevant removes a mined pair; evaluated on folds of the judged groups)")
    p.add_argument("--learn", choices=A.LEARNINGS, default="lw",
                   help="lw (default: learned whitening of the base vectors), finetune (the last stages of the "
                        "EfficientNet-Lite trunk and the GeM p, contrastive loss on the mined pairs), lw+finetune "
                        "(fine-tuning, then learned whitening of the fine-tuned vectors)")
    p.add_argument("--epochs", type=int, default=A.DEFAULT_EPOCHS,
                   help=f"fine-tuning epochs (default: {A.DEFAULT_EPOCHS}); an interrupted run resumes from its checkpoint")
    p.add_argument("--tuples", type=int, default=128,
                   help="fine-tuning: (query, positive, negatives) tuples per epoch (default: 128)")
    p.add_argument("--stages", type=int, default=1,
                   help="fine-tuning: trained blocks at the end of the trunk, besides the head convolution (default: 1)")
    p.add_argument("--local", default=A.DEFAULT_LOCAL, metavar="SPEC",
                   help=f"local method that verifies the pairs (default: {A.DEFAULT_LOCAL})")
    p.add_argument("--k", type=int, default=A.DEFAULT_K, help=f"neighbours verified per image (default: {A.DEFAULT_K})")
    p.add_argument("--min-inliers", type=int, default=A.DEFAULT_MIN_INLIERS,
                   help=f"inliers of a positive pair (default: {A.DEFAULT_MIN_INLIERS})")
    p.add_argument("--min-spread", type=float, default=A.DEFAULT_MIN_SPREAD,
                   help="fraction of both images the inliers' bounding box must cover "
                        f"(default: {A.DEFAULT_MIN_SPREAD})")
    p.add_argument("--augment", type=int, default=0, metavar="N",
                   help="augmentation positives: N synthetic variations per image (crop, scale, perspective, "
                        "grayscale, sepia, colour cast, illumination, blur), described by the base network (default: 0)")
    p.add_argument("--seed", type=int, default=0,
                   help="seed of the label-pair sample, of the folds and of the fine-tuning tuples (default: 0)")
    p.add_argument("--minutes", type=float, help="stop verifying, or training, after M minutes in all (kept; run "
                                                 "again to go on)")
    p.add_argument("--threads", type=int, default=2, help="verification threads (default: 2)")
    p.add_argument("--dry-run", nargs="?", const="", default=None, metavar="PAIRS_FILE",
                   help="mine only: write the pairs with their inlier counts to P/adapt/NAME/pairs.{csv,json} "
                        "(and to PAIRS_FILE, .csv or .json, when given); learns nothing")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE", help="write the result as JSON (stdout if no FILE)")
    p.set_defaults(handler=cmd_adapt)


def cmd_adapt(args: argparse.Namespace) -> int:
    from heritage_explorer.core.errors import HeritageError
    from heritage_explorer.pipeline import open_project
    from heritage_explorer.pipeline.adapt import adapt, check_name, default_name, write_dry_run

    if args.k < 1 or args.min_inliers < 1 or args.augment < 0 or not 0.0 <= args.min_spread <= 1.0:
        raise HeritageError("--k and --min-inliers must be at least 1, --augment at least 0, --min-spread between 0 and 1")
    if args.epochs < 1 or args.stages < 1 or args.tuples < 1:
        raise HeritageError("--epochs, --tuples and --stages must be at least 1")
    config = None
    if args.learn != "lw":
        from heritage_explorer.descriptors.finetune import FineTuneConfig

        config = FineTuneConfig(epochs=args.epochs, stages=args.stages, tuples=args.tuples)
    project = open_project(args.project)
    name = check_name(args.name) if args.name is not None else default_name(project)
    with ProgressPrinter() as printer:
        result = adapt(project, args.method, name=name, local=args.local, supervision=args.supervision,
                       seed=args.seed, minutes=args.minutes, k=args.k, min_inliers=args.min_inliers,
                       min_spread=args.min_spread, augment=args.augment, dry_run=args.dry_run is not None, threads=args.threads,
                       learn=args.learn, epochs=args.epochs, finetune_config=config, progress=printer)
    if args.dry_run:
        write_dry_run(result, args.dry_run)
    mining = result.sample.summary()
    out = sys.stderr if args.json == "-" else sys.stdout
    print(f"{mining['verified']} neighbour pairs verified ({mining['verified_now']} now) in {mining['seconds']:.1f} s: "
          f"{mining['positives']} positives, {mining['negatives']} hard negatives, {mining['unspread']} with "
          f"inliers packed in a small area", file=out)
    if result.dry_run:
        print(f"dry run: pairs written to {result.directory}/pairs.csv and pairs.json"
              + (f" and {args.dry_run}" if args.dry_run else ""), file=out)
    else:
        tuned = result.finetune or {}
        if tuned:
            print(f"fine-tuned {tuned['epochs']} of {tuned['epochs_planned']} epoch(s)"
                  + (f" (resumed after epoch {tuned['resumed_from_epoch']})" if tuned["resumed_from_epoch"] else "")
                  + f", loss {' '.join(f'{x:.4f}' for x in tuned['loss'])}, GeM p {tuned['gem_p']:.3f}"
                  + ("" if tuned["complete"] else "; time ran out: run the same command again to go on"), file=out)
        whitening = f" (shrinkage {result.shrinkage:.3f})" if result.shrinkage is not None else ""
        print(f"{result.spec}: {result.to_json()['learning']} from {result.to_json()['pairs']} pairs{whitening} "
              f"in {result.seconds:.1f} s; use it as --method {result.spec}", file=out)
    if args.json:
        emit_json(result.to_json(), args.json)
    return 0

"""The analyses of Gominski et al. 2019 on a project: Table 3, Table 1, Table 2, the report.

The CLI commands (``results``, ``analyze``, ``report``) and the desktop application's dashboard
and report export call these functions, so both show the same numbers. Evaluation itself stays
in :func:`pipeline.methods.evaluate_all`; the functions here take its results, so a caller
that already holds them (the dashboard caches them between annotation edits) does not redo it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from heritage_explorer.core.annotations import AnnotationStore, ClassAnnotation
from heritage_explorer.core.errors import HeritageError, UnreadableImageError
from heritage_explorer.core.imageio import thumbnail_bytes
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.descriptors.method import GlobalMethod, LocalSpec, RerankMethod, as_method
from heritage_explorer.evaluation.comparison import compare_per_query
from heritage_explorer.evaluation.metrics import EvaluationResult, finite_or_none
from heritage_explorer.evaluation.reports import ReportFiles, make_provenance, write_report
from heritage_explorer.evaluation.tables import ClassResultsTable, build_class_table
from heritage_explorer.evaluation.variations import CorrelationTable
from heritage_explorer.pipeline.adapt import evaluation_protocol
from heritage_explorer.pipeline.ground_truth import JudgedEvaluation, evaluate_judged
from heritage_explorer.pipeline.local_retrieval import described_local_specs, local_weights_sha256
from heritage_explorer.pipeline.methods import evaluate_all
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.store import DescriptorStore

REFERENCE_THUMBNAIL_SIDE = 192


def described_specs(project: Project) -> list[str]:
    """Specs with a non-empty descriptor store in the project (global, then local), in directory order."""
    root = project.root / "descriptors"
    metas = [DescriptorStore(d).meta() for d in sorted(root.iterdir()) if d.is_dir()] if root.is_dir() else []
    return [m["spec"] for m in metas if m and m.get("count")] + described_local_specs(project)


def class_table(
    project: Project, results: Mapping[str, EvaluationResult]
) -> tuple[ClassResultsTable, dict[str, ClassAnnotation]]:
    """Table 3 of ``results`` with the project's current variation scores; also every class's annotation."""
    store = AnnotationStore(project.catalog)
    annotations = store.all()
    scores = {name: ann.scores for name, ann in annotations.items() if ann.is_annotated}
    return build_class_table(results, scores, counts=store.classes()), annotations


def is_grayscale(spec: str) -> bool:
    """Whether ``spec`` describes the grayscale version of the images (the ``+gray`` modifier)."""
    method = as_method(spec)
    return isinstance(method, GlobalMethod) and method.descriptor.grayscale


def grayscale_pairs(specs: Sequence[str], available: Sequence[str]) -> dict[str, str]:
    """``spec -> its grayscale spec`` for each colour spec of ``specs`` whose ``+gray`` variant is ``available``."""
    have = set(available)
    pairs = {}
    for spec in specs:
        method = as_method(spec)
        if isinstance(method, LocalSpec):  # local features are extracted from grey images already
            continue
        gray = str(method.grayscale)
        if gray != spec and gray in have:
            pairs[spec] = gray
    return pairs


def evaluate_each(
    project: Project,
    specs: Sequence[str],
    *,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> dict[str, EvaluationResult]:
    """:func:`~.methods.evaluate_all` of already extracted specs (any kind, local ones standalone), one at
    a time so that progress moves per method."""
    results: dict[str, EvaluationResult] = {}
    for n, spec in enumerate(specs):
        if cancel is not None:
            cancel.raise_if_cancelled()
        if progress is not None:
            progress(Progress("evaluating", n, len(specs), message=spec))
        results.update(evaluate_all(project, [spec], extract_missing=False, cancel=cancel))
    if progress is not None:
        progress(Progress("evaluating", len(specs), len(specs)))
    return results


@dataclass(frozen=True)
class DashboardData:
    """What the evaluation dashboard shows for ``specs`` (results may also hold grayscale variants)."""

    specs: tuple[str, ...]
    results: dict[str, EvaluationResult]
    table: ClassResultsTable
    correlation: CorrelationTable | None
    annotations: dict[str, ClassAnnotation]
    grayscale: dict[str, str]  # spec -> its grayscale spec, both evaluated
    judged: dict[str, JudgedEvaluation]  # revisited Easy/Medium/Hard mAP over the judged queries
    protocols: dict[str, str] = field(default_factory=dict)  # spec -> .adapt.evaluation_protocol
    adapted_bases: dict[str, str] = field(default_factory=dict)  # an adapted spec -> the spec it adapts

    @property
    def n_judged_queries(self) -> int:
        return max((j.n_queries for j in self.judged.values()), default=0)

    def grayscale_maps(self) -> tuple[dict[str, float], dict[str, float]]:
        """(original, grayscale) global mAP of the specs evaluated both ways (Table 2)."""
        original = {s: self.results[s].global_map for s in self.grayscale}
        gray = {s: self.results[g].global_map for s, g in self.grayscale.items()}
        return original, gray


def dashboard_data(
    project: Project, specs: Sequence[str], results: Mapping[str, EvaluationResult],
    grayscale: Mapping[str, str] | None = None,
) -> DashboardData:
    """Table 3, Table 1 (over annotated classes), Table 2 pairs from evaluated ``results``, the
    revisited E/M/H mAP of the judged queries, and each spec's evaluation protocol (an adaptation
    learned with labels is evaluated on class-disjoint folds: :func:`.adapt.evaluation_protocol`)."""
    missing = [s for s in specs if s not in results]
    if missing:
        raise HeritageError(f"not evaluated: {', '.join(missing)}")
    table, annotations = class_table(project, {s: results[s] for s in specs})
    judgments = AnnotationStore(project.catalog).judgments()  # read once for every method
    return DashboardData(
        specs=tuple(specs), results=dict(results), table=table,
        correlation=table.correlation() if table.annotated_rows else None, annotations=annotations,
        grayscale={s: g for s, g in (grayscale or {}).items() if s in specs and g in results},
        judged={s: evaluate_judged(project, s, judgments=judgments) for s in specs},
        protocols={s: evaluation_protocol(project, s) for s in specs},
        adapted_bases={s: str(base) for s in specs if (base := adapted_base(s)) is not None},
    )


def adapted_base(spec: str) -> str | None:
    """The method ``spec`` adapts (``efflite0-gem`` for ``efflite0-gem+adapt:paris``), else None."""
    method = as_method(spec)
    if not isinstance(method, GlobalMethod) or method.expansion.active or not method.descriptor.adapt:
        return None
    return method.descriptor.base.spec


@dataclass(frozen=True)
class ReportOutcome:
    """The files a report wrote, its Table 3, and what could not be included (e.g. an unreadable image)."""

    files: ReportFiles
    table: ClassResultsTable
    warnings: tuple[str, ...]


def write_project_report(
    project: Project,
    out_dir: str | Path,
    specs: Sequence[str],
    *,
    results: Mapping[str, EvaluationResult] | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> ReportOutcome:
    """The report of ``heritage-explorer report``: HTML, results/correlation CSV and JSON in ``out_dir``.

    ``results`` are evaluated here (extracted specs only) when not given. The first spec is
    compared per query with each of the others.
    """
    if not specs:
        raise HeritageError("no method to report on: extract one first")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HeritageError(f"{out}: cannot write the report there ({exc.strerror or exc})") from exc
    if results is None:
        results = evaluate_each(project, specs, progress=progress, cancel=cancel)
    table, annotations = class_table(project, {s: results[s] for s in specs})
    correlation = table.correlation() if table.annotated_rows else None
    comparisons = [compare_per_query(results[specs[0]], results[s], names=(specs[0], s)) for s in specs[1:]]
    references = [(name, ann.reference_image_id) for name, ann in annotations.items()
                  if ann.reference_image_id is not None]
    thumbnails, warnings = {}, []
    for n, (name, image_id) in enumerate(references):
        if cancel is not None:
            cancel.raise_if_cancelled()
        if progress is not None:
            progress(Progress("reference images", n, len(references), message=name))
        try:
            thumbnails[name] = thumbnail_bytes(project.catalog.image(image_id).abspath, REFERENCE_THUMBNAIL_SIDE)
        except UnreadableImageError as exc:
            warnings.append(f"no thumbnail for {name}: {exc}")
    if progress is not None:
        progress(Progress("reference images", len(references), len(references)))
        progress(Progress("writing the report", 0, 1))
    weights = {s: _weights_sha256(project, as_method(s)) for s in specs}
    provenance = make_provenance(specs, weights_sha256=weights, image_set_sha256=project.image_set_sha256(),
                                 extra={"project": str(project.root),  # null: no query was ranked
                                        "global_map": {s: finite_or_none(results[s].global_map) for s in specs}})
    files = write_report(out, table=table, provenance=provenance, correlation=correlation,
                         comparisons=comparisons, thumbnails=thumbnails, progress=progress)
    if progress is not None:
        progress(Progress("writing the report", 1, 1))
    return ReportOutcome(files, table, tuple(warnings))


def _weights_sha256(project: Project, method: GlobalMethod | LocalSpec | RerankMethod) -> str | None:
    """The weights a method's stored features were computed with (a re-ranking: its global stage's)."""
    if isinstance(method, LocalSpec):
        return local_weights_sha256(project, method)
    first = method.first if isinstance(method, RerankMethod) else method
    return (DescriptorStore(project.descriptor_dir(first.descriptor)).meta() or {}).get("weights_sha256")

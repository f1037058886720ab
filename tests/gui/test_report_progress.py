"""A report export shows each stage as it starts (issue #22, defect 11): the start of a stage is never
dropped by the progress throttle, so the bar does not sit on "reference images 1/1" while the
figures are drawn."""

from __future__ import annotations

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.core.jobs import Progress
from heritage_explorer.evaluation.reports import FIGURES_STAGE
from heritage_explorer.gui.workers import Job
from heritage_explorer.pipeline import open_project
from tests.gui.tiny_project import SPEC, tiny_project


def test_the_first_report_of_a_stage_is_always_passed_on(qapp) -> None:
    def work(progress, cancel):
        progress(Progress("reference images", 0, 1))
        progress(Progress("reference images", 1, 1))
        progress(Progress("writing", 0, 3))  # a new stage, right after: must not be dropped
        progress(Progress("writing", 1, 3))  # the same stage within the interval: may be dropped
        progress(Progress("writing", 3, 3))

    job = Job("stages", work)
    seen = []
    job.signals.progress.connect(lambda p: seen.append((p.stage, p.done)))
    job.run()
    assert ("writing", 0) in seen and seen[-1] == ("writing", 3)
    assert ("writing", 1) not in seen


def test_export_reports_drawing_the_figures(window, tmp_path, qtbot) -> None:
    root = tiny_project(tmp_path)
    store = AnnotationStore(open_project(root).catalog)
    for name in ("a", "b"):
        ids = [row.id for row in store.catalog.images(status="ok") if row.group == name]
        store.set_reference(name, ids[0])
        store.set_scores(name, {"Scale": 1 if name == "a" else 3, "Color": 2 if name == "a" else 0})
    assert window.open_project(root)
    exporter = window.analysis_panels.exporter
    labels = []
    exporter.bar.valueChanged.connect(lambda _v: labels.append(exporter.label.text()))
    with qtbot.waitSignal(exporter.exported, timeout=60_000):
        job = exporter.export(tmp_path / "report", [SPEC])
        seen = []
        job.signals.progress.connect(lambda p: seen.append((p.stage, p.done, p.total, p.message)))
    stages = [stage for stage, *_ in seen]
    assert FIGURES_STAGE in stages and stages.index("reference images") < stages.index(FIGURES_STAGE)
    start = next(s for s in seen if s[0] == FIGURES_STAGE)
    assert start[1] == 0 and start[2] == 1 and "heatmap" in start[3]
    assert any(FIGURES_STAGE in label for label in labels)
    assert (tmp_path / "report" / "report.html").read_text().count("<svg") == 1

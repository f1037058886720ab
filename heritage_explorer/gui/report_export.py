"""Export the analysis report (``heritage-explorer report``: HTML, CSV, JSON) from the window.

The same function as the command line (:func:`pipeline.analysis.write_project_report`) runs in
the window's :class:`JobRunner`; its progress drives a bar in the status bar, and the end (the
paths written, or the error) arrives in the message bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.vocabulary import stage_text
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.analysis import ReportOutcome, write_project_report
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.searchable import extracted_global_specs


class ReportExporter(QObject):
    """Runs report exports of ``project()`` in ``runner``, reporting in ``status_bar`` and through
    ``show_message``; ``specs()`` says which methods (default: every extracted one); the folder
    dialog opens over ``parent``."""

    exported = Signal(object)  # ReportOutcome

    def __init__(self, project: Callable[[], Project | None], runner: JobRunner, status_bar: QStatusBar,
                 show_message: Callable[[str, str], None], parent: QWidget,
                 specs: Callable[[], list[str]] | None = None):
        super().__init__(parent)
        self.project = project
        self.runner = runner
        self.show_message = show_message
        self.parent_widget = parent
        self.specs = specs
        self.job: Job | None = None
        self.last_outcome: ReportOutcome | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(200)
        self.bar.setFormat(translate("ReportExport", "%v / %m"))
        self.cancel_button = QPushButton(translate("ReportExport", "Cancel export"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in self.widgets:
            status_bar.addPermanentWidget(widget)
            widget.hide()

    @property
    def widgets(self) -> tuple:
        return self.label, self.bar, self.cancel_button

    @property
    def running(self) -> bool:
        return self.job is not None

    def choose_folder(self) -> None:
        """Ask for a folder, then export there (the menu action)."""
        project = self.project()
        if project is None:
            self.show_message(translate("ReportExport", "Open a project first: there is nothing to report on."), "info")
            return
        start = str(project.root / "report")
        path = QFileDialog.getExistingDirectory(self.parent_widget, translate("ReportExport", "Export the analysis report to a folder"), start)
        if path:
            self.export(path)

    def export(self, out_dir: str | Path, specs: list[str] | None = None) -> Job | None:
        """Write the report of ``specs`` (default: ``self.specs()``, else every extracted method) to ``out_dir``."""
        project = self.project()
        if project is None:
            self.show_message(translate("ReportExport", "Open a project first: there is nothing to report on."), "info")
            return None
        if self.job is not None:
            self.show_message(translate("ReportExport", "A report export is already running."), "info")
            return None
        if specs is None:
            specs = (self.specs() if self.specs is not None else []) or extracted_global_specs(project)
        if not specs:
            self.show_message(translate("ReportExport", "No method has descriptors yet: extract one before "
                                                        "exporting a report."), "info")
            return None
        out = Path(out_dir)
        self.job = Job("export report", write_project_report, project, out, list(specs))
        self.label.setText(translate("ReportExport", "Exporting report to {name}…").format(name=out.name))
        self.bar.setRange(0, 0)
        for widget in self.widgets:
            widget.show()
        return self.runner.start(self.job, on_progress=self._progress,
                                 on_finished=lambda outcome: self._finished(out, outcome),
                                 on_failed=lambda message: self._ended(
                                     translate("ReportExport", "Report export failed: {message}").format(
                                         message=error_text(message)),
                                     "error"),
                                 on_cancelled=lambda: self._ended(translate("ReportExport", "Report export cancelled."), "info"))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress(self, progress: Progress) -> None:
        detail = f" ({progress.message})" if progress.message else ""
        self.label.setText(translate("ReportExport", "Report: {stage}{detail}").format(
            stage=stage_text(progress.stage), detail=detail))
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)

    def _finished(self, out: Path, outcome: ReportOutcome) -> None:
        self.last_outcome = outcome
        files = outcome.files
        names = ", ".join(p.name for p in (files.html, files.results_csv, files.correlation_csv, files.json) if p)
        text = translate("ReportExport", "Analysis report written to {folder}: {files}.").format(
            folder=out, files=names)
        if outcome.warnings:
            text += "".join(f"\n• {w}" for w in outcome.warnings)
        self._ended(text, "error" if outcome.warnings else "info")
        self.exported.emit(outcome)

    def _ended(self, text: str, level: str) -> None:
        self.job = None
        for widget in self.widgets:
            widget.hide()
        self.show_message(text, level)

"""Imports into the open project (a folder, a CSV listing or a IIIF manifest), one at a time, in the
window's runner, with their progress and a Cancel button in the status bar.

:class:`ImportController` takes the runner and the status bar it reports in; when an import
ends (done, failed or cancelled) it emits :attr:`ImportController.ended` with the sentence to
show, and the window re-reads what the import changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.vocabulary import stage_text
from heritage_explorer.gui.widgets.spec_progress import format_rate
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline import Project, import_source

CANCELLED = QT_TRANSLATE_NOOP("ImportController", "Import cancelled; re-import the source to continue.")


class ImportController(QObject):
    #: An import ended: (what to say, level "info" or "error").
    ended = Signal(str, str)

    def __init__(self, runner: JobRunner, status_bar: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.job: Job | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(240)
        self.cancel_button = QPushButton(translate("ImportController", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in self._widgets():
            status_bar.addPermanentWidget(widget)
            widget.hide()

    def _widgets(self) -> tuple[QLabel, QProgressBar, QPushButton]:
        return self.label, self.bar, self.cancel_button

    def start(self, project: Project, source: str, *, allow_absolute: bool = False,
              allow_hosts: Sequence[str] = ()) -> Job | None:
        """Import ``source`` into ``project``; None when an import is running already (the caller
        says so). IIIF downloads may reach ``allow_hosts``, else public addresses only."""
        if self.job is not None:
            return None
        self.job = Job("import", import_source, project, source, allow_absolute=allow_absolute,
                       allow_hosts=list(allow_hosts))
        self.label.setText(translate("ImportController", "Importing {source}…").format(
            source=Path(source).name or source))
        self.bar.setRange(0, 0)
        for widget in self._widgets():
            widget.show()
        return self.runner.start(self.job, on_progress=self._progress, on_finished=self._imported,
                                 on_failed=self._end, on_cancelled=lambda: self._end(translate("ImportController", CANCELLED), "info"))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress(self, progress: Progress) -> None:
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)
        self.label.setText(f"{stage_text(progress.stage)}: {format_rate(progress)}")

    def _imported(self, summary) -> None:
        self._end(
            translate("ImportController", "Imported {source}: {listed} listed, {changed} new or changed, "
                      "{problems} problem(s)").format(source=summary.source, listed=summary.listed,
                                                      changed=summary.new_or_changed, problems=len(summary.errors))
            + ("".join(f"\n• {p}: {r}" for p, r in summary.errors[:5])),
            "error" if summary.errors else "info")

    def _end(self, text: str, level: str = "error") -> None:
        self.job = None
        for widget in self._widgets():
            widget.hide()
        self.ended.emit(text, level)

"""The progress of the result grid's search, with a Cancel button (issue #18 part 2).

A local or re-ranking search verifies up to a hundred candidates geometrically (seconds with
learned features on a CPU); the grid stays usable meanwhile, since the job runs in a worker thread
or in the describer's child. :class:`JobProgress` follows the one search job shown: it appears with
the first progress report (a global search, done in milliseconds, never shows it), says how many
pairs are verified, and its Cancel stops the job between two pairs. Tracking a newer search
cancels the older one, whose reports are then ignored.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.widgets.spec_progress import format_rate
from heritage_explorer.gui.workers import Job


class JobProgress(QWidget):
    """One line: what is being done, a bar, Cancel; hidden while no tracked job reports."""

    #: The tracked job was cancelled by Cancel (one cancelled because a newer job is tracked is not reported).
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.job: Job | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(260)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(translate("JobProgress", "Cancel"))
        self.cancel_button.setToolTip(translate("JobProgress", "Stop verifying: the results so far are "
                                                               "dropped, the grid stays as it was"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def track(self, job: Job) -> None:
        """Follow ``job`` (call before it is started): an older tracked job is cancelled."""
        if self.job is not None:
            self.job.cancel()
        self.job = job
        self.hide()
        job.signals.progress.connect(self._progress)
        job.signals.cancelled.connect(self._cancelled)
        job.signals.ended.connect(self._ended)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(translate("JobProgress", "Cancelling…"))

    def _tracked(self) -> bool:
        return self.job is not None and self.sender() is self.job.signals

    @Slot(object)
    def _progress(self, progress: Progress) -> None:
        if not self._tracked() or self.job.cancel_token.cancelled:
            return
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)
        self.label.setText(translate("JobProgress", "Verifying candidates geometrically: {progress}").format(
            progress=format_rate(progress)))
        self.cancel_button.setEnabled(True)
        self.show()

    @Slot()
    def _cancelled(self) -> None:
        if self._tracked():
            self.cancelled.emit()

    @Slot()
    def _ended(self) -> None:
        if self._tracked():
            self.job = None
            self.hide()

"""The adaptation job's box in the extraction panel: start, progress (stage, rate, ETA, loss), cancel, resume,
and the mined pairs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.vocabulary import stage_text
from heritage_explorer.gui.widgets.spec_progress import format_rate
from heritage_explorer.pipeline.adapt_jobs import AdaptRequest

ADAPT_LABEL = QT_TRANSLATE_NOOP("AdaptationBox", "Adapt to this collection…")
LEARNING = QT_TRANSLATE_NOOP("AdaptationBox", "learning the whitening and writing the adapted descriptors…")
WRITING_PAIRS = QT_TRANSLATE_NOOP("AdaptationBox", "dry run: writing the mined pairs…")


def describe_progress(progress: Progress) -> str:
    """``"verifying neighbours with orb-1000: 64/262 · 41.0 images/s · ETA 0:04"`` (pairs, not images,
    when verifying), with the job's own message (a loss, once fine-tuning reports one)."""
    text = f"{stage_text(progress.stage)}: {format_rate(progress)}"
    if progress.stage.startswith("verifying"):
        text = text.replace("images/s", "pairs/s")
    return text + (f" · {progress.message}" if progress.message else "")


class AdaptationBox(QGroupBox):
    """Buttons and progress of the adaptation job; :class:`~heritage_explorer.gui.adaptation.AdaptationController`
    drives it."""

    adapt_clicked = Signal()
    resume_clicked = Signal()
    discard_clicked = Signal()
    cancel_clicked = Signal()
    pairs_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(translate("AdaptationBox", "Adaptation"), parent)
        self.setToolTip(translate("AdaptationBox", "Learn a descriptor adapted to this collection from its "
                                                   "own images (issue #19)"))
        self.adapt_button = QPushButton(translate("AdaptationBox", ADAPT_LABEL))
        self.adapt_button.setToolTip(translate("AdaptationBox", "Mine verified pairs of this collection and "
                                                                "learn BASE+adapt:NAME"))
        self.adapt_button.clicked.connect(self.adapt_clicked)
        self.pairs_button = QPushButton(translate("AdaptationBox", "Mined pairs…"))
        self.pairs_button.setToolTip(translate("AdaptationBox", "The pairs an adaptation (or a dry run) verified, "
                                                                "with their inlier counts"))
        self.pairs_button.setEnabled(False)
        self.pairs_button.clicked.connect(self.pairs_clicked)
        self.interrupted = QLabel()
        self.interrupted.setWordWrap(True)
        self.resume_button = QPushButton(translate("AdaptationBox", "Resume"))
        self.resume_button.setToolTip(translate("AdaptationBox", "Continue the interrupted adaptation where "
                                                                 "it stopped"))
        self.resume_button.clicked.connect(self.resume_clicked)
        self.discard_button = QPushButton(translate("AdaptationBox", "Discard"))
        self.discard_button.setToolTip(translate("AdaptationBox", "Forget the interrupted adaptation "
                                                                  "(verified pairs and features stay cached)"))
        self.discard_button.clicked.connect(self.discard_clicked)
        self.title = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.rate = QLabel()
        self.rate.setWordWrap(True)
        self.cancel_button = QPushButton(translate("AdaptationBox", "Cancel"))
        self.cancel_button.setToolTip(translate("AdaptationBox", "Stop; what was extracted and verified is "
                                                                 "kept and Resume goes on"))
        self.cancel_button.clicked.connect(self.cancel_clicked)
        resume_row = QHBoxLayout()
        resume_row.addWidget(self.resume_button)
        resume_row.addWidget(self.discard_button)
        resume_row.addStretch(1)
        job_row = QHBoxLayout()
        job_row.addWidget(self.bar, 1)
        job_row.addWidget(self.cancel_button)
        start_row = QHBoxLayout()
        start_row.addWidget(self.adapt_button, 1)
        start_row.addWidget(self.pairs_button)
        layout = QVBoxLayout(self)
        layout.addLayout(start_row)
        layout.addWidget(self.interrupted)
        layout.addLayout(resume_row)
        layout.addWidget(self.title)
        layout.addLayout(job_row)
        layout.addWidget(self.rate)
        self.spec: str | None = None
        self.dry_run = False
        self.set_interrupted([], can_write=False)
        self.set_running(None)
        for widget in (self.title, self.bar, self.rate):  # until a job starts
            widget.hide()

    def set_interrupted(self, requests: Sequence[AdaptRequest], *, can_write: bool) -> None:
        """Say which adaptations were interrupted and offer to resume the first (the others: from the dialog)."""
        if requests:
            first = requests[0]
            limit = translate("AdaptationBox", ", {minutes:g} min").format(
                minutes=first.minutes) if first.minutes else ""
            limit += translate("AdaptationBox", ", dry run") if first.dry_run else ""
            self.interrupted.setText(
                translate("AdaptationBox", "Interrupted adaptation: <b>{spec}</b> (supervision "
                                           "{supervision}, seed {seed}{limit})").format(
                    spec=first.spec, supervision=first.supervision, seed=first.seed, limit=limit)
                + (translate("AdaptationBox", " and {count} more").format(
                    count=len(requests) - 1) if len(requests) > 1 else "")
                + translate("AdaptationBox", ". Resume continues where it stopped."))
        self.interrupted.setVisible(bool(requests))
        for button in (self.resume_button, self.discard_button):
            button.setVisible(bool(requests))
            button.setEnabled(can_write and self.spec is None)

    def set_running(self, spec: str | None, *, dry_run: bool = False) -> None:
        """Show the job of ``spec`` starting (None: no job; the last outcome stays readable);
        ``dry_run``: it mines the pairs only."""
        self.spec, self.dry_run = spec, dry_run and spec is not None
        running = spec is not None
        self.adapt_button.setEnabled(not running)
        self.resume_button.setEnabled(not running)
        self.discard_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.cancel_button.setVisible(running)
        if running:
            for widget in (self.title, self.bar, self.rate):
                widget.show()
            self.title.setText(f"<b>{spec}</b>")
            self.bar.setRange(0, 0)
            self.rate.setText(translate("AdaptationBox", "{spec}: starting (loading the images and the "
                                                         "model)…").format(spec=spec))

    def show_progress(self, progress: Progress) -> None:
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)
        self.rate.setText(describe_progress(progress))
        if progress.stage.startswith("verifying") and progress.done >= progress.total:
            self.bar.setRange(0, 0)  # the whitening is learned next, without reports
            self.rate.setText(translate("AdaptationBox", WRITING_PAIRS if self.dry_run else LEARNING))

    def show_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.rate.setText(translate("AdaptationBox", "cancelling…"))

    def finish(self, text: str, *, complete: bool = False) -> None:
        """The job ended: ``text`` says how; ``complete``: with the adaptation stored (a full bar)."""
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
        if complete:
            self.bar.setValue(self.bar.maximum())
        self.set_running(None)
        self.rate.setText(text)

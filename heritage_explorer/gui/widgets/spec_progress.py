"""One method's row in the extraction panel's progress list: name, bar, rate and ETA."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.i18n import translate


def format_rate(progress: Progress) -> str:
    """``"16/40 · 2.3 images/s · ETA 0:10"``."""
    text = f"{progress.done}/{progress.total}"
    if progress.rate > 0:
        text += translate("SpecProgress", " · {rate:.1f} images/s").format(rate=progress.rate)
    if progress.eta_s is not None and progress.done < progress.total:
        minutes, seconds = divmod(int(progress.eta_s), 60)
        text += translate("SpecProgress", " · ETA {minutes}:{seconds:02d}").format(
            minutes=minutes, seconds=seconds)
    return text


class SpecProgress(QWidget):
    """One method's name, progress bar, rate and ETA (the name shows from the start: a busy bar has no text)."""

    def __init__(self, spec: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.title = QLabel(f"<b>{spec}</b>")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setFormat(spec + "  %p%")
        self.rate = QLabel(translate("SpecProgress", "{spec}: starting (loading the images and the model)…").format(
            spec=spec))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.rate)

    def update_progress(self, progress: Progress) -> None:
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)
        self.rate.setText(format_rate(progress))

    def finish(self, text: str) -> None:
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        self.rate.setText(text)

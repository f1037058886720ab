"""The "Adapt to this collection" dialog: what ``heritage-explorer adapt`` asks, as a form.

Base method (among the project's extracted global methods that can be adapted), supervision
(``none``: no label is read; ``labels``: the catalog's groups, ``judgments``: the archivist's
relevance judgments add pairs, and the evaluation then uses class-disjoint folds), what is learned
(``--learn``: the whitening, the fine-tuned network, or both), a time bound, the seed and the
adaptation's name.
Given an interrupted request, the form shows it and its button resumes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.descriptors.registry import ADAPT_NAME
from heritage_explorer.gui.i18n import translate
from heritage_explorer.pipeline.adapt import DEFAULT_LOCAL, LEARNINGS, SUPERVISIONS, learning_problem
from heritage_explorer.pipeline.adapt_jobs import AdaptRequest

SUPERVISION_TIPS = {
    "none": QT_TRANSLATE_NOOP("AdaptDialog", "Learn from the collection alone: pairs that the local matching "
                              "verifies. Reads no label."),
    "labels": QT_TRANSLATE_NOOP("AdaptDialog", "Also learn from the catalog's groups (classes); the evaluation then "
                                "ranks each query with a model learned without its class (class-disjoint "
                                "folds)."),
    "judgments": QT_TRANSLATE_NOOP("AdaptDialog", "Also learn from your relevance judgments (images judged relevant "
                                   "to a query are pairs); the evaluation then uses folds of the judged groups."),
}
LEARNING_LABELS = {
    "lw": QT_TRANSLATE_NOOP("AdaptDialog", "learned whitening (seconds)"),
    "finetune": QT_TRANSLATE_NOOP("AdaptDialog", "fine-tuned network (minutes)"),
    "lw+finetune": QT_TRANSLATE_NOOP("AdaptDialog", "fine-tuned network, then learned whitening (minutes)"),
}
FINETUNE_SUPERVISED = QT_TRANSLATE_NOOP("AdaptDialog", "The fine-tuned network alone learns from the mined pairs "
                                        "only: with supervision, choose the whitening or both.")
EXPLANATION = QT_TRANSLATE_NOOP("AdaptDialog", "Verifies each image's nearest neighbours with {local} and learns a "
                                "whitening from the pairs that match (Radenović et al. 2019). What is "
                                "missing is "
                                "extracted first; an interrupted adaptation resumes where it stopped.")


class AdaptDialog(QDialog):
    """Asks for an :class:`~heritage_explorer.pipeline.adapt_jobs.AdaptRequest`; :meth:`request` reads it."""

    def __init__(self, bases: Sequence[str], default_name: str, existing: Sequence[str], parent: QWidget,
                 *, interrupted: AdaptRequest | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("AdaptDialog", "Adapt to this collection"))
        self.setMinimumWidth(460)
        self.existing = set(existing)
        self.base = QComboBox()
        self.base.addItems(list(bases))
        self.base.setToolTip(translate("AdaptDialog", "The extracted global method to adapt"))
        self.supervision = QComboBox()
        for value in SUPERVISIONS:
            self.supervision.addItem(value)
            self.supervision.setItemData(self.supervision.count() - 1, translate("AdaptDialog", SUPERVISION_TIPS.get(value, "")),
                                         Qt.ItemDataRole.ToolTipRole)
        self.supervision.currentTextChanged.connect(self._update)
        self.learn = QComboBox()
        for value in LEARNINGS:
            self.learn.addItem(translate("AdaptDialog", LEARNING_LABELS[value]), value)
        self.learn.setToolTip(translate("AdaptDialog", "What is learned from the pairs: a whitening of the base's "
                                                       "vectors (Radenović et al. 2019), the last stages of the "
                                                       "network and its GeM p fine-tuned, or both"))
        self.learn.currentIndexChanged.connect(self._update)
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0.0, 600.0)
        self.minutes.setDecimals(1)
        self.minutes.setSuffix(translate("AdaptDialog", " min"))
        self.minutes.setSpecialValueText(translate("AdaptDialog", "no limit"))
        self.minutes.setToolTip(translate("AdaptDialog", "Stop verifying pairs after this time (they are "
                                                         "kept: Resume goes on)"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip(translate("AdaptDialog", "The same seed gives the same adaptation"))
        self.name = QLineEdit(default_name)
        self.name.setValidator(QRegularExpressionValidator(QRegularExpression(ADAPT_NAME.pattern), self.name))
        self.name.setToolTip(translate("AdaptDialog", "Lower-case letters, digits, '_' and '-'; the method "
                                                      "is BASE+adapt:NAME"))
        self.name.textChanged.connect(self._update)
        self.dry_run = QCheckBox(translate("AdaptDialog", "Mine the pairs only (dry run)"))
        self.dry_run.setToolTip(translate("AdaptDialog", "Verify the neighbour pairs and show them with their "
                                                         "inlier counts; learn nothing"))
        self.dry_run.toggled.connect(self._update)
        self.base.currentTextChanged.connect(self._update)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("AdaptDialog", "Base method:"), self.base)
        form.addRow(translate("AdaptDialog", "Supervision:"), self.supervision)
        form.addRow(translate("AdaptDialog", "Learn:"), self.learn)
        form.addRow(translate("AdaptDialog", "Time bound:"), self.minutes)
        form.addRow(translate("AdaptDialog", "Seed:"), self.seed)
        form.addRow(translate("AdaptDialog", "Name:"), self.name)
        form.addRow("", self.dry_run)
        explanation = QLabel(translate("AdaptDialog", EXPLANATION).format(local=DEFAULT_LOCAL))
        explanation.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("AdaptDialog", "Adapt"))
        self.resuming = False
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        if interrupted is not None:
            self.fill(interrupted)
        self._update()

    def fill(self, request: AdaptRequest) -> None:
        """Show ``request`` (an interrupted one: the button then says Resume)."""
        if self.base.findText(request.base) < 0:
            self.base.addItem(request.base)
        self.base.setCurrentText(request.base)
        self.supervision.setCurrentText(request.supervision)
        self.minutes.setValue(request.minutes or 0.0)
        self.seed.setValue(request.seed)
        self.name.setText(request.name)
        self.dry_run.setChecked(request.dry_run)
        self.learn.setCurrentIndex(max(self.learn.findData(request.learn), 0))
        self.resuming = True
        self.ok_button.setText(translate("AdaptDialog", "Resume"))

    def request(self) -> AdaptRequest:
        minutes = self.minutes.value()
        return AdaptRequest(self.base.currentText(), self.name.text(), self.supervision.currentText(),
                            self.seed.value(), minutes if minutes > 0 else None, self.dry_run.isChecked(),
                            self.learn.currentData())

    def _update(self, _value: object = None) -> None:
        name, base = self.name.text(), self.base.currentText()
        dry = self.dry_run.isChecked()
        conflict = not dry and learning_problem(self.learn.currentData(), self.supervision.currentText()) is not None
        self.learn.setEnabled(not dry)
        named = bool(base) and ADAPT_NAME.fullmatch(name) is not None
        valid = named and not conflict
        spec = f"{base}+adapt:{name}"
        notes = [(translate("AdaptDialog", "Writes the pairs of <b>{spec}</b>, learns nothing.") if dry else
                  translate("AdaptDialog", "Makes <b>{spec}</b>.")).format(spec=spec) if named else
                 translate("AdaptDialog", "Give a name: lower-case letters, digits, '_' or '-'.")]
        if spec in self.existing and dry:
            notes.append(translate("AdaptDialog", "Its mined pairs are replaced, the adaptation is kept."))
        elif spec in self.existing:
            notes.append(translate("AdaptDialog", "It replaces the adaptation of that name."))
        notes.append(translate("AdaptDialog", SUPERVISION_TIPS.get(self.supervision.currentText(), "")))
        if conflict:
            notes.append(translate("AdaptDialog", FINETUNE_SUPERVISED))
        self.note.setText(" ".join(notes))
        if not self.resuming:
            self.ok_button.setText(translate("AdaptDialog", "Mine pairs") if dry else translate("AdaptDialog", "Adapt"))
        self.ok_button.setEnabled(valid)

"""Extraction panel: tick methods (every kind, grouped), options, start / cancel / resume, per-method progress,
unreadable images."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import Progress
from heritage_explorer.descriptors.registry import MethodInfo
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import description_text, error_text
from heritage_explorer.gui.widgets.extraction_columns import (  # noqa: F401 (EXTRACTED_COLUMN, KIND, ...: the tests')
    COLUMNS,
    COST,
    DIM,
    EXTRACTED,
    EXTRACTED_COLUMN,
    FITTED,
    GROUP_NAMES,
    KIND,
    KIND_NAMES,
    OPTIONS,
    WEIGHTS,
    show_costs,
    with_costs,
)
from heritage_explorer.gui.widgets.spec_progress import SpecProgress
from heritage_explorer.gui.workers import Job, JobRunner, ProcessJob
from heritage_explorer.pipeline.cost_estimate import project_costs
from heritage_explorer.pipeline.extract import interrupted_extractions
from heritage_explorer.pipeline.method_list import (
    GROUPS,
    available_methods,
    compose_spec,
    extracted_all,
    extracted_variants,
    fitting,
    method_group,
)

EXTRACTING = "extracting "


class ExtractionPanel(QWidget):
    """Runs ``pipeline.methods.extract_any`` in a child process; re-running resumes a cancelled extraction.

    The list is ``pipeline.method_list.available_methods`` (registry, local methods, and the open
    project's adaptations) in one top-level group per kind, unless ``methods`` fixes it."""

    extraction_ended = Signal(str)  # "finished" | "cancelled" | "failed"
    message = Signal(str, str)  # text, level
    selection_changed = Signal(list)

    def __init__(self, runner: JobRunner, parent: QWidget | None = None, *,
                 methods: list[MethodInfo] | None = None):
        super().__init__(parent)
        self.runner = runner
        self.project = None
        self.job: Job | None = None
        self.rows: dict[str, SpecProgress] = {}
        self.last_summary = None
        self.fixed_methods = methods
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([translate("ExtractionPanel", title) for title in COLUMNS])
        for column in range(EXTRACTED):  # the Extracted column stays in view in a narrow dock
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.option_boxes: dict[str, QCheckBox] = {}
        options = QGridLayout()
        for column, (flag, label, tip) in enumerate(OPTIONS):
            box = QCheckBox(translate("ExtractionPanel", label))
            box.setToolTip(translate("ExtractionPanel", tip))
            box.toggled.connect(self._update_plan)
            self.option_boxes[flag] = box
            options.addWidget(box, column // 2, column % 2)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.interrupted_label = QLabel()  # what an interrupted extraction left, to resume
        self.interrupted_label.setWordWrap(True)
        self.interrupted_label.hide()
        self.extracted_label = QLabel()
        self.extracted_label.setWordWrap(True)
        self.extracted_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_button = QPushButton(translate("ExtractionPanel", "Extract"))
        self.start_button.setToolTip(translate("ExtractionPanel", "Compute the descriptors of the ticked "
                                                                  "methods (Ctrl+E)"))
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(translate("ExtractionPanel", "Cancel"))
        self.cancel_button.setToolTip(translate("ExtractionPanel", "Stop; finished batches are kept and "
                                                                   "Resume continues from there"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        self.progress_box = QVBoxLayout()
        self.problems = QTreeWidget()
        self.problems.setHeaderLabels([translate("ExtractionPanel", "File"), translate("ExtractionPanel", "Reason")])
        self.problems.setRootIsDecorated(False)
        problems_box = QGroupBox(translate("ExtractionPanel", "Unreadable images (skipped)"))
        QVBoxLayout(problems_box).addWidget(self.problems)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.extracted_label)
        layout.addLayout(options)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.interrupted_label)
        layout.addLayout(buttons)
        layout.addLayout(self.progress_box)
        layout.addWidget(problems_box, 1)
        self.set_methods(available_methods() if methods is None else methods)
        self._set_idle()

    def add_section(self, widget: QWidget) -> None:
        """Another job that computes descriptors (``gui/adaptation.py``), above the unreadable images."""
        layout = self.layout()
        layout.insertWidget(layout.count() - 1, widget)

    # -- methods ---------------------------------------------------------------------------------
    def set_methods(self, methods: list[MethodInfo], checked: list[str] | None = None) -> None:
        """List ``methods`` under one header per kind (:data:`~heritage_explorer.pipeline.method_list.GROUPS`)."""
        self.tree.blockSignals(True)
        self.tree.clear()
        self.listed = list(methods)
        grouped = {key: [info for info in methods if method_group(info) == key] for key, _ in GROUPS}
        for key, title in GROUPS:
            if not grouped[key]:
                continue
            header = QTreeWidgetItem([f"{translate('ExtractionPanel', GROUP_NAMES.get(title, title))} ({len(grouped[key])})"])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.setData(0, Qt.ItemDataRole.UserRole, None)
            self.tree.addTopLevelItem(header)
            header.setFirstColumnSpanned(True)
            for info in grouped[key]:
                header.addChild(self._method_item(info, translate("ExtractionPanel", KIND_NAMES[key]), bool(checked) and info.spec in checked))
            header.setExpanded(True)
        self.tree.blockSignals(False)
        self.show_extracted()
        self._update_plan()

    @staticmethod
    def _method_item(info: MethodInfo, kind: str, checked: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([info.spec, kind, str(info.dim), translate("ExtractionPanel", "present") if info.available
                                else translate("ExtractionPanel", "missing")])
        item.setData(0, Qt.ItemDataRole.UserRole, info.spec)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        tip = description_text(info.description) + "\n\n" + translate("ExtractionPanel", "Weights: {weights}").format(
            weights=description_text(info.weights))
        for column in range(EXTRACTED):
            item.setToolTip(column, tip if info.available else translate("ExtractionPanel", "Unavailable: {weights}").format(
                weights=description_text(info.weights)))
        if not info.available:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsUserCheckable)
        return item

    def method_item(self, spec: str) -> QTreeWidgetItem | None:
        """The row of the listed method ``spec`` (None when it is not listed)."""
        return next((item for item in self._items() if item.data(0, Qt.ItemDataRole.UserRole) == spec), None)

    def show_extracted(self) -> None:
        """Which methods the open project already has descriptors or local features for: in the list and below it."""
        specs = extracted_all(self.project) if self.project is not None else []
        items = self._items()
        found = extracted_variants([item.data(0, Qt.ItemDataRole.UserRole) for item in items], specs)
        self.tree.blockSignals(True)
        for item in items:
            method = item.data(0, Qt.ItemDataRole.UserRole)
            variants = found[method]
            item.setText(EXTRACTED, ", ".join(s.replace(method, "✓", 1) for s in variants))
            font = item.font(0)
            font.setBold(bool(variants))
            item.setFont(0, font)
            item.setToolTip(EXTRACTED, translate("ExtractionPanel", "Extracted for this project: ") + ", ".join(variants)
                            if variants
                            else translate("ExtractionPanel", "Not extracted for this project"))
        self.tree.blockSignals(False)
        if self.project is None:
            self.extracted_label.setText("")
        else:
            self.extracted_label.setText(translate("ExtractionPanel", "Extracted for this project: ") + (
                ", ".join(f"<b>{s}</b>" for s in specs) if specs else translate("ExtractionPanel", "nothing yet")))

    def checked_methods(self) -> list[str]:
        return [item.data(0, Qt.ItemDataRole.UserRole) for item in self._items()
                if item.checkState(0) == Qt.CheckState.Checked and not item.isDisabled()]

    def set_checked(self, methods: list[str]) -> None:
        for item in self._items():
            if not item.isDisabled():
                wanted = item.data(0, Qt.ItemDataRole.UserRole) in methods
                item.setCheckState(0, Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def set_options(self, flags: list[str]) -> None:
        for flag, box in self.option_boxes.items():
            box.setChecked(flag in flags)

    def planned_specs(self) -> list[str]:
        options = [flag for flag, box in self.option_boxes.items() if box.isChecked()]
        return list(dict.fromkeys(compose_spec(method, options)[0] for method in self.checked_methods()))

    def _items(self) -> list[QTreeWidgetItem]:
        """The method rows (the children of the kind headers)."""
        headers = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [header.child(j) for header in headers for j in range(header.childCount())]

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._update_plan()
            self.selection_changed.emit(self.checked_methods())

    def _update_plan(self) -> None:
        specs = self.planned_specs()
        options = [flag for flag, box in self.option_boxes.items() if box.isChecked()]
        skipped = sorted({m for m in self.checked_methods() if compose_spec(m, options)[1]})
        self.tree.blockSignals(True)
        shown = {info.spec: compose_spec(info.spec, options)[0] for info in self.listed}
        costs = project_costs(self.project, self.listed, shown)
        show_costs(self._items(), costs)  # "~3 min, 12 MB"
        for item in self._items():  # what each method would fit on the collection, with the ticked options
            spec = shown.get(item.data(0, Qt.ItemDataRole.UserRole)) or item.data(0, Qt.ItemDataRole.UserRole)
            fitted = fitting(spec)
            item.setText(FITTED, fitted)
            item.setToolTip(FITTED, translate("ExtractionPanel", "{spec}: fitted on this collection before "
                                                                 "extraction: {fitted}").format(
                spec=spec, fitted=fitted))
        self.tree.blockSignals(False)
        text = translate("ExtractionPanel", "Will compute: ") + (
            with_costs(specs, costs) if specs else translate("ExtractionPanel", "nothing (tick a method)"))
        if skipped:
            text += translate("ExtractionPanel", "  —  options not applicable to {specs}").format(
                specs=", ".join(skipped))
        self.plan_label.setText(text)
        self._set_idle()

    # -- the job ---------------------------------------------------------------------------------
    def set_project(self, project) -> None:
        self.project = project
        self._clear_progress()
        self.problems.clear()
        if self.fixed_methods is None:  # the project's own adaptations join the list (set_methods shows
            self.set_methods(available_methods(project), self.checked_methods())  # what is extracted)
        else:
            self.show_extracted()
        interrupted = self._show_interrupted()
        items = self._items()
        resumed = extracted_variants([item.data(0, Qt.ItemDataRole.UserRole) for item in items], interrupted)
        for item in items:  # what was being extracted is ticked again: Resume continues it
            if not item.isDisabled() and resumed[item.data(0, Qt.ItemDataRole.UserRole)]:
                item.setCheckState(0, Qt.CheckState.Checked)
        self._update_plan()  # the estimates are this project's

    def _show_interrupted(self) -> dict[str, int]:
        """Say which extractions were interrupted (their finished batches are kept) and offer Resume."""
        interrupted = interrupted_extractions(self.project) if self.project is not None else {}
        if interrupted and self.job is None:
            self.start_button.setText(translate("ExtractionPanel", "Resume"))
            many = translate("ExtractionPanel", "<b>{spec}</b> ({count} finished batches kept)")
            one = translate("ExtractionPanel", "<b>{spec}</b> ({count} finished batch kept)")
            self.interrupted_label.setText(
                translate("ExtractionPanel", "Interrupted extraction: ")
                + ", ".join((many if n > 1 else one).format(spec=s, count=n) for s, n in interrupted.items())
                + translate("ExtractionPanel", ". Press Resume to continue where it stopped."))
        elif self.job is None:
            self.start_button.setText(translate("ExtractionPanel", "Extract"))
        self.interrupted_label.setVisible(bool(interrupted) and self.job is None)
        return interrupted

    def start(self, specs: list[str] | None = None) -> Job | None:
        """Start (or resume) extraction of ``specs`` (default: the ticked methods with options).

        It runs in a child process (see :mod:`heritage_explorer.gui.child`): loading a network
        would otherwise stall the window for hundreds of milliseconds.
        """
        if self.job is not None or self.project is None:
            return None
        try:  # the folder may have been removed or made read-only since it was opened
            self.project.require_writable("extraction")
        except HeritageError as exc:
            self.message.emit(str(exc), "error")
            return None
        specs = list(specs) if specs else self.planned_specs()
        if not specs:
            self.message.emit(translate("ExtractionPanel", "Tick at least one available method to extract."), "info")
            return None
        self._clear_progress()
        for spec in specs:
            self.rows[spec] = SpecProgress(spec)
            self.progress_box.addWidget(self.rows[spec])
        self.job = ProcessJob("extraction", "heritage_explorer.gui.child:extract_project", str(self.project.root),
                              specs)
        self.runner.start(self.job, on_progress=self._on_progress, on_finished=self._on_finished,
                          on_failed=self._on_failed, on_cancelled=self._on_cancelled)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.interrupted_label.hide()
        return self.job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            for row in self.rows.values():
                row.rate.setText(translate("ExtractionPanel", "cancelling…"))

    @property
    def running(self) -> bool:
        return self.job is not None

    def _targets(self, stage: str) -> list[SpecProgress]:
        """The rows a progress report is about: the pipeline names the specs of a backbone group."""
        if not stage.startswith(EXTRACTING):
            return []
        named = set(stage[len(EXTRACTING):].split(", "))
        return [row for spec, row in self.rows.items() if spec in named or spec.partition("+pca")[0] in named]

    def _on_progress(self, progress: Progress) -> None:
        for row in self._targets(progress.stage):
            row.update_progress(progress)

    def _on_finished(self, summary) -> None:
        self.last_summary = summary
        for spec, row in self.rows.items():
            computed, reused = summary.computed.get(spec, 0), summary.reused.get(spec, 0)
            row.bar.setValue(row.bar.maximum())
            row.finish(translate("ExtractionPanel", "done: {computed} described, {reused} already up to date").format(
                computed=computed, reused=reused))
        self._end("finished")
        n_errors = len(summary.errors)
        self.message.emit(translate("ExtractionPanel", "Extraction finished in {seconds:.1f} s").format(seconds=summary.seconds)
                          + (translate("ExtractionPanel", "; {n_errors} unreadable image(s) skipped").format(
                              n_errors=n_errors) if n_errors else ""), "info")

    def _on_failed(self, text: str) -> None:
        for row in self.rows.values():
            row.finish(translate("ExtractionPanel", "failed"))
        self._end("failed")
        if self.start_button.text() == translate("ExtractionPanel", "Resume"):
            text += translate("ExtractionPanel", "\nThe batches finished before are kept: press Resume to continue "
                              "where it stopped.")
        self.message.emit(text, "error")

    def _on_cancelled(self) -> None:
        for row in self.rows.values():
            row.finish(translate("ExtractionPanel", "cancelled at {done}/{total}: press Resume to continue").format(
                done=row.bar.value(), total=row.bar.maximum()))
        self._end("cancelled")
        self.start_button.setText(translate("ExtractionPanel", "Resume"))  # even before its first batch was kept

    def _end(self, how: str) -> None:
        self.job = None
        self.refresh_problems()
        self.show_extracted()
        self._show_interrupted()
        self._update_plan()  # the estimates use the rates just measured
        self.extraction_ended.emit(how)

    def refresh_problems(self) -> None:
        """List the catalog's unreadable or missing images with the reason (the others go on)."""
        self.problems.clear()
        if self.project is None:
            return
        for row in self.project.catalog.problems():
            reason = f"{row.status}: {error_text(row.error or '')}"
            item = QTreeWidgetItem([row.path, reason])
            item.setToolTip(0, row.path)
            item.setToolTip(1, reason)  # the column is narrow: the whole reason on hover
            self.problems.addTopLevelItem(item)

    def _clear_progress(self) -> None:
        for row in self.rows.values():
            self.progress_box.removeWidget(row)
            row.deleteLater()
        self.rows.clear()

    def _set_idle(self) -> None:
        busy = self.job is not None
        self.start_button.setEnabled(not busy and self.project is not None and not self.project.read_only
                                     and bool(self.planned_specs()))
        self.cancel_button.setEnabled(busy)

"""The "Adapt to this collection" job of the app (issue #19 part 5), and adaptations in the method menus.

:class:`AdaptationController` asks for an adaptation (:class:`~.widgets.adapt_dialog.AdaptDialog`),
runs :func:`heritage_explorer.pipeline.adapt_jobs.run_adaptation` — ``pipeline.adapt.adapt`` —
in a child process like the extraction (:class:`~.workers.ProcessJob`: the network is loaded
there, torch stays out of the window's process), shows its progress in the extraction panel
(:class:`~.widgets.adaptation_box.AdaptationBox`), cancels it, and resumes an interrupted one
(its request file, ``pipeline.adapt_jobs``). When it ends, the method lists are read again (the
adapted store is written by ``adapt``: search, compare and the dashboard offer it) and the
dashboard shows the adaptation beside its base.

An adaptation of the project without a descriptor store (made elsewhere, or its store removed)
is extracted on demand when the project opens or an extraction ends, with the extraction panel's
progress, so that it can be chosen for search and compare.

The controller takes the services it uses (:class:`AdaptationServices`), not the window;
:func:`install_adaptation` is the only part that knows the window (as a :class:`~.window_host.WindowHost`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.core.jobs import Progress
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.widgets.adapt_dialog import AdaptDialog
from heritage_explorer.gui.widgets.adaptation_box import AdaptationBox
from heritage_explorer.gui.widgets.extraction_panel import ExtractionPanel
from heritage_explorer.gui.widgets.mined_pairs_view import MinedPairsDialog
from heritage_explorer.gui.workers import JobRunner, ProcessJob
from heritage_explorer.pipeline.adapt import default_name, project_adaptations
from heritage_explorer.pipeline.adapt_jobs import (
    AdaptRequest,
    adaptable_bases,
    discard_request,
    interrupted_adaptations,
)
from heritage_explorer.pipeline.adapt_pairs import adaptation_of, adaptations_with_pairs
from heritage_explorer.pipeline.project import Project
from heritage_explorer.pipeline.searchable import extracted_global_specs

if TYPE_CHECKING:
    from heritage_explorer.gui.analysis_panels import AnalysisPanels
    from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
    from heritage_explorer.gui.window_host import WindowHost

TARGET = "heritage_explorer.pipeline.adapt_jobs:run_adaptation"


@dataclass(frozen=True)
class AdaptationServices:
    """What the controller needs from the window."""

    project: Callable[[], Project | None]
    runner: JobRunner
    extraction: ExtractionPanel  # where the job's box goes, and what extracts an adaptation on demand
    message: Callable[[str, str], None]  # (text, "info" | "error")
    methods_changed: Callable[[], None]  # read the method lists again (search, compare, dashboard)
    show_before_after: Callable[[str], None]  # the dashboard's page of an adaptation against its base
    loader: Callable[[], ThumbnailLoader | None] = lambda: None  # the open project's thumbnails
    open_matches: Callable[[str, int, int, QWidget], object] | None = None  # (local spec, a, b, parent): match view


class AdaptationController(QObject):
    """Starts, cancels and resumes the adaptation job; keeps the adaptations in the method menus."""

    def __init__(self, services: AdaptationServices, parent: QWidget, action: QAction):
        super().__init__(parent)
        self.services = services
        self.dialog_parent = parent
        self.job: ProcessJob | None = None
        self.request: AdaptRequest | None = None
        self.dialog: AdaptDialog | None = None
        self.last_result: dict | None = None
        self.pairs_dialog: MinedPairsDialog | None = None
        self._extracting: set[str] = set()  # adaptations extracted on demand, tried once per project
        self.box = AdaptationBox()
        services.extraction.add_section(self.box)
        self.action = action  # Analyse ▸ Adapt to this collection… (menus.ACTIONS, which opens the dialog)
        self.action.setToolTip(translate("Adaptation", "Learn a descriptor adapted to this collection from "
                                                       "its own images"))
        self.box.adapt_clicked.connect(self.open_dialog)
        self.box.resume_clicked.connect(self.resume)
        self.box.discard_clicked.connect(self.discard)
        self.box.cancel_clicked.connect(self.cancel)
        self.box.pairs_clicked.connect(self.show_pairs)
        services.extraction.extraction_ended.connect(self._extraction_ended)
        self.project_changed()

    # -- state -----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.job is not None

    def _writable(self) -> Project | None:
        project = self.services.project()
        return project if project is not None and not project.read_only else None

    def project_changed(self) -> None:
        """Another project (or the same one re-read): its interrupted adaptations, and those to extract."""
        self._extracting.clear()
        if self.pairs_dialog is not None and self.pairs_dialog.project is not self.services.project():
            self.pairs_dialog.close()  # its thumbnails and catalog were the other project's
        self._update()
        self.extract_missing()

    def _update(self) -> None:
        project = self.services.project()
        interrupted = interrupted_adaptations(project) if project is not None else []
        self.box.set_interrupted(interrupted, can_write=self._writable() is not None)
        enabled = self._writable() is not None and not self.running
        self.action.setEnabled(enabled)
        self.box.adapt_button.setEnabled(enabled)
        self.box.pairs_button.setEnabled(project is not None and bool(adaptations_with_pairs(project)))

    # -- the dialog ------------------------------------------------------------------------------
    def open_dialog(self) -> AdaptDialog | None:
        """Ask for an adaptation (prefilled with the interrupted one, if any); OK starts it."""
        project = self._writable()
        if project is None:
            self.services.message(translate("Adaptation", "Open a writable project first: adaptation writes "
                                                          "into it."), "info")
            return None
        bases = adaptable_bases(extracted_global_specs(project))
        if not bases:
            self.services.message(translate("Adaptation", "Nothing to adapt yet: extract a CNN global method first (e.g. efflite0-gem, "
                                  "in the Extraction panel)."), "info")
            return None
        interrupted = interrupted_adaptations(project)
        existing = [info.spec for info in project_adaptations(project)]
        self.dialog = AdaptDialog(bases, default_name(project), existing, self.dialog_parent,
                                  interrupted=interrupted[0] if interrupted else None)
        self.dialog.accepted.connect(self._dialog_accepted)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()
        return self.dialog

    def _dialog_accepted(self) -> None:
        if self.dialog is not None:
            self.start(self.dialog.request())

    def _dialog_closed(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # -- the job ---------------------------------------------------------------------------------
    def start(self, request: AdaptRequest) -> ProcessJob | None:
        """Run (or resume) ``request`` in a child process; progress goes to the box."""
        project = self._writable()
        if project is None or self.running:
            return None
        if self.services.extraction.running:
            self.services.message(translate("Adaptation", "An extraction is running: adapt once it has "
                                                          "finished."), "info")
            return None
        try:
            request.checked()
        except HeritageError as exc:
            self.services.message(str(exc), "error")
            return None
        self.request, self.last_result = request, None
        self.job = ProcessJob("adaptation", TARGET, str(project.root), request)
        self.box.set_running(request.spec, dry_run=request.dry_run)
        self._update()
        self.services.runner.start(self.job, on_progress=self._progress, on_finished=self._finished,
                                   on_failed=self._failed, on_cancelled=self._cancelled)
        return self.job

    def resume(self) -> ProcessJob | None:
        """Resume the first interrupted adaptation with its own parameters."""
        project = self.services.project()
        interrupted = interrupted_adaptations(project) if project is not None else []
        return self.start(interrupted[0]) if interrupted else None

    def discard(self) -> None:
        project = self._writable()
        interrupted = interrupted_adaptations(project) if project is not None else []
        if interrupted and not self.running:
            discard_request(project, interrupted[0].name)
            self.services.message(translate("Adaptation", "Interrupted adaptation {spec} discarded.").format(
                spec=interrupted[0].spec), "info")
        self._update()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.box.show_cancelling()

    def _progress(self, progress: Progress) -> None:
        self.box.show_progress(progress)

    def _finished(self, result: dict) -> None:
        self.last_result = result
        mining = result.get("mining", {})
        spec = result["spec"]
        if result.get("dry_run"):
            self._end(translate("Adaptation", "dry run: {verified} neighbour pairs verified ({verified_now} now): "
                                              "{positives} positives, {negatives} hard negatives").format(
                verified=mining.get("verified", 0), verified_now=mining.get("verified_now", 0),
                positives=mining.get("positives", 0), negatives=mining.get("negatives", 0)))
            self.show_pairs(adaptation_of(spec))
            return
        self._end(translate("Adaptation", "done: {pairs} pairs ({positives} verified positives of {verified} "
                            "neighbour pairs, {verified_now} verified now), {seconds:.1f} s").format(
            pairs=result["pairs"], positives=mining.get("positives", 0), verified=mining.get("verified", 0),
            verified_now=mining.get("verified_now", 0), seconds=result.get("seconds", 0)), complete=True)
        project = self.services.project()
        if project is not None:
            self.services.extraction.set_project(project)  # lists the new adaptation
        self.services.methods_changed()
        self.services.show_before_after(spec)
        self.services.message(translate("Adaptation", "Adapted: {spec} can be searched, compared and "
                                                      "evaluated; the dashboard shows it beside its base.").format(
            spec=spec), "info")

    def _failed(self, text: str) -> None:
        self._end(translate("Adaptation", "failed"))
        if self.request is not None and self._interrupted(self.request.name):
            text += translate("Adaptation", "\nWhat was done is kept: press Resume to continue where it "
                                            "stopped.")
        self.services.message(text, "error")

    def _cancelled(self) -> None:
        self._end(translate("Adaptation", "cancelled: press Resume to continue where it stopped"))

    def _end(self, text: str, *, complete: bool = False) -> None:
        self.job = None
        self.box.finish(text, complete=complete)
        self._update()

    def _interrupted(self, name: str) -> bool:
        project = self.services.project()
        return project is not None and any(r.name == name for r in interrupted_adaptations(project))

    # -- the mined pairs ---------------------------------------------------------------------------
    def show_pairs(self, name: str | None = None) -> MinedPairsDialog | None:
        """The mined pairs of adaptation ``name`` (None: the last one with pairs) in a dialog."""
        project = self.services.project()
        names = adaptations_with_pairs(project) if project is not None else []
        if name is not None and name not in names:
            self.services.message(translate("Adaptation", "Adaptation {name} has no mined pairs: run Adapt to this "
                                                          "collection… (a dry run only mines them).").format(
                name=name), "info")
            return None
        if project is None or not names:
            self.services.message(translate("Adaptation", "No mined pairs in this project yet: run Adapt to this "
                                                          "collection… (a dry run only mines them)."), "info")
            return None
        if self.pairs_dialog is not None:
            self.pairs_dialog.close()
        dialog = MinedPairsDialog(self.services.runner, self.services.loader(), project, names,
                                  name or names[-1], self.dialog_parent)
        dialog.show_matches.connect(self._open_matches)
        dialog.finished.connect(lambda _result, d=dialog: self._pairs_dialog_closed(d))
        self.pairs_dialog = dialog
        dialog.show()
        return dialog

    def show_pairs_of(self, spec: str) -> MinedPairsDialog | None:
        """The mined pairs of the adapted method ``spec`` (``BASE+adapt:NAME``)."""
        name = adaptation_of(spec)
        return self.show_pairs(name) if name is not None else None

    def _open_matches(self, spec: str, image_a: int, image_b: int) -> None:
        if self.services.open_matches is not None and self.pairs_dialog is not None:
            self.services.open_matches(spec, image_a, image_b, self.pairs_dialog)

    def _pairs_dialog_closed(self, dialog: MinedPairsDialog) -> None:
        if self.pairs_dialog is dialog:
            self.pairs_dialog = None

    # -- adaptations in the menus ------------------------------------------------------------------
    def missing_stores(self) -> list[str]:
        """The project's usable adaptations without a descriptor store (not searchable yet)."""
        project = self.services.project()
        if project is None:
            return []
        extracted = set(extracted_global_specs(project))
        return [info.spec for info in project_adaptations(project) if info.available and info.spec not in extracted]

    def extract_missing(self) -> None:
        """Extract, once per project, the adaptations that search and compare cannot use yet."""
        wanted = [s for s in self.missing_stores() if s not in self._extracting]
        if not wanted or self._writable() is None or self.running or self.services.extraction.running:
            return
        self._extracting.update(wanted)
        if self.services.extraction.start(wanted) is not None:
            text = (translate("Adaptation", "Extracting {specs} so that search and compare can use them.")
                    if len(wanted) > 1 else
                    translate("Adaptation", "Extracting {specs} so that search and compare can use it."))
            self.services.message(text.format(specs=", ".join(wanted)), "info")

    def _extraction_ended(self, _how: str) -> None:
        self.extract_missing()


def install_adaptation(window: WindowHost, panels: AnalysisPanels) -> AdaptationController:
    """Add the adaptation job to ``window``: its box in the extraction panel, its menu action; a job
    that ends shows the before/after page of the dashboard of ``panels``
    (:func:`~.analysis_panels.install_analysis_panels`)."""

    def show_before_after(spec: str) -> None:
        panels.dashboard.show_before_after(spec)
        panels.show_panel(panels.dashboard)

    def methods_changed() -> None:
        window.refresh_methods()
        panels.descriptors_changed()

    services = AdaptationServices(project=lambda: window.project, runner=window.runner, extraction=window.extraction,
                                  message=window.show_message, methods_changed=methods_changed,
                                  show_before_after=show_before_after, loader=lambda: window.loader,
                                  open_matches=lambda spec, a, b, parent: window.matches.open_pair(spec, a, b, parent))
    controller = AdaptationController(services, window, window.actions_by_name["adapt"])  # type: ignore[arg-type]
    window.project_changed.connect(controller.project_changed)
    panels.dashboard.before_after.pairs_requested.connect(controller.show_pairs_of)
    return controller

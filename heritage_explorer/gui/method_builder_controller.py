"""The method builder's controller (issue #18 part 1): fills the builder's parts from the registry's
available methods and the project's stores, and puts a built method where it is used.

A built method (``efflite0-gem+aqe5>>xfeat-1000@100``) is kept in the settings
(:attr:`~.settings.AppSettings.built_methods`): the window's method lists
(:func:`~heritage_explorer.pipeline.searchable.searchable_specs`) offer it in the Method box and
the Compare tab once its parts are extracted, in this session and the next. Its parts' stores are
all it needs; a part the project lacks can be ticked in the extraction panel from the builder.
The controller takes the services it uses (:class:`BuilderServices`), not the window;
:func:`install_method_builder` is the only part that knows the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from heritage_explorer.core.errors import HeritageError
from heritage_explorer.descriptors.local.specs import LocalSpec
from heritage_explorer.descriptors.method import GlobalMethod, Method, MethodSpec, parse_method
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.settings import AppSettings
from heritage_explorer.gui.widgets.extraction_panel import ExtractionPanel
from heritage_explorer.gui.widgets.method_builder import MethodBuilder
from heritage_explorer.pipeline.method_list import extracted_all
from heritage_explorer.pipeline.project import Project

if TYPE_CHECKING:
    from heritage_explorer.gui.window_host import WindowHost


@dataclass(frozen=True)
class BuilderServices:
    """What the controller needs from the window."""

    project: Callable[[], Project | None]
    settings: AppSettings
    extraction: ExtractionPanel  # where the builder sits, what lists the parts and extracts them
    message: Callable[[str, str], None]  # (text, "info" | "error")
    methods_changed: Callable[[], None]  # read the method lists again (the Method box, the comparison)
    offered: Callable[[], list[str]]  # the methods the Method box offers now
    compared: Callable[[], list[str]]  # the methods the Compare tab shows now
    run_queries: Callable[[], None]  # search the shown query again (its comparison rows included)


def _parsed(spec: str) -> Method | None:
    try:
        return parse_method(spec)
    except HeritageError:
        return None


class MethodBuilderController(QObject):
    """Keeps the builder's parts up to date and acts on its buttons."""

    def __init__(self, services: BuilderServices, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.builder = MethodBuilder()
        services.extraction.add_section(self.builder)
        self.builder.search_requested.connect(self.search_with)
        self.builder.compare_requested.connect(self.compare_with)
        self.builder.tick_requested.connect(self.tick)
        services.extraction.extraction_ended.connect(lambda _how: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        """The parts: the project's global and local stores first, then the available listed methods."""
        project = self.services.project()
        extracted = extracted_all(project) if project is not None else []
        listed = [info.spec for info in self.services.extraction.listed if info.available]
        globals_: dict[str, tuple[str, MethodSpec]] = {}
        locals_: dict[str, tuple[str, LocalSpec]] = {}
        for spec in [*extracted, *listed]:
            method = _parsed(spec)
            if isinstance(method, GlobalMethod) and not method.expansion.active:
                globals_.setdefault(str(method.descriptor), (spec, method.descriptor))
            elif isinstance(method, LocalSpec):
                locals_.setdefault(str(method.stored), (spec, method.stored))
        self.builder.set_parts(list(globals_.values()), list(locals_.values()), extracted,
                               can_use=project is not None)

    def _remember(self, method: Method) -> str:
        spec = str(method)
        self.services.settings.built_methods = [*self.services.settings.built_methods, spec]
        return spec

    def search_with(self, method: Method | None) -> None:
        """Offer ``method`` in the Method box and choose it (a shown query is searched again)."""
        if method is None:
            return
        spec = self._remember(method)
        self.services.settings.search_method = spec
        self.services.methods_changed()
        if spec not in self.services.offered():
            self._not_yet(spec)

    def compare_with(self, method: Method | None) -> None:
        """Add ``method`` to the rows of the Compare tab."""
        if method is None:
            return
        spec = self._remember(method)
        self.services.settings.compare_methods = list(dict.fromkeys([*self.services.compared(), spec]))
        self.services.methods_changed()
        if spec in self.services.compared():
            self.services.run_queries()
        else:
            self._not_yet(spec)

    def _not_yet(self, spec: str) -> None:
        missing = self.builder.missing_parts()
        text = (translate("MethodBuilderController", "{spec} is kept: it will be offered once {parts} is extracted.")
                if len(missing) == 1 else
                translate("MethodBuilderController", "{spec} is kept: it will be offered once {parts} are extracted."))
        self.services.message(text.format(spec=spec, parts=", ".join(missing)), "info")

    def tick(self, specs: list[str]) -> None:
        """Tick ``specs`` in the extraction panel (the method's missing parts), keeping what was ticked."""
        panel = self.services.extraction
        panel.set_checked(list(dict.fromkeys([*panel.checked_methods(), *specs])))
        self.services.message(translate("MethodBuilderController", "Ticked {parts} for extraction: press "
                                                                   "Extract.").format(parts=", ".join(specs)),
                              "info")


def install_method_builder(window: WindowHost) -> MethodBuilderController:
    """Add the method builder to ``window``'s extraction panel."""
    combo = window.query_strip.method_combo
    services = BuilderServices(
        project=lambda: window.project, settings=window.settings, extraction=window.extraction,
        message=window.show_message, methods_changed=window.refresh_methods,
        offered=lambda: [combo.itemText(i) for i in range(combo.count())],
        compared=window.compare_view.selected, run_queries=window.queries.run)
    controller = MethodBuilderController(services, window)  # type: ignore[arg-type]
    window.project_changed.connect(controller.refresh)
    return controller

"""The query of the window and its searches: a catalog image, a file from outside or a region of a
catalog image, searched by the Method box's method and compared by the ticked methods.

:class:`QueryController` holds the current query and a serial number; every search and
comparison it starts carries the serial, and an answer that arrives after a newer query was
asked (or after :meth:`forget`) is dropped. It takes the few services it needs — the runner, the
external describer, the catalog model and the three result widgets — never the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject

from heritage_explorer.core.regions import Box
from heritage_explorer.gui.describer import ExternalAnswer, ExternalDescriber, search_external
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import error_text
from heritage_explorer.gui.models.thumbnails import CatalogModel
from heritage_explorer.gui.query_jobs import Found, search_job
from heritage_explorer.gui.widgets.compare_view import CompareView
from heritage_explorer.gui.widgets.search_view import QueryStrip, SearchView
from heritage_explorer.gui.workers import Job, JobRunner
from heritage_explorer.pipeline.comparison import compare_methods, without_query
from heritage_explorer.pipeline.session import Session

NO_DESCRIPTORS = QT_TRANSLATE_NOOP("QueryController", "No descriptors yet: tick a method in the Extraction panel "
                                   "and press Extract.")


class QueryController(QObject):
    """Runs the searches of the session's query, by the session's method, in the session's project."""

    def __init__(self, session: Session, runner: JobRunner, describer: ExternalDescriber,
                 catalog_model: CatalogModel, query_strip: QueryStrip, search_view: SearchView,
                 compare_view: CompareView, show_message: Callable[[str], None], parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self.describer = describer
        self.catalog_model = catalog_model
        self.query_strip = query_strip
        self.search_view = search_view
        self.compare_view = compare_view
        self.show_message = show_message
        self._serial = 0
        self._external_id = 0

    @property
    def query(self) -> dict | None:
        """The session's query: ``{"image_id": n}`` or ``{"image_path": p[, "region", "region_of"]}``."""
        return self.session.query

    @query.setter
    def query(self, query: dict | None) -> None:
        self.session.query = query

    def forget(self) -> None:
        """No query any more; answers still on their way are dropped (another project is shown)."""
        self._serial += 1
        self.query = None

    def query_image(self, image_id: int) -> None:
        source = self.catalog_model.source_of(image_id)
        if source is None:
            return
        self.query = {"image_id": image_id}
        self.query_strip.set_query(image_id, source[0], source[1], self.catalog_model.group_of(image_id))
        self.run()

    def query_file(self, path: str | Path) -> None:
        """Search with an image from outside the catalog (dropped, pasted or given on the command line)."""
        self._external_id -= 1
        self.query = {"image_path": str(path)}
        self.query_strip.set_query(self._external_id, str(path), None, None)
        self.run()

    def query_region(self, image_id: int, region: Box) -> None:
        """Search with a region of a catalog image (drawn in its viewer): described in the describer's
        child like a file, so the image's stored vectors and judgments are not involved."""
        source = self.catalog_model.source_of(image_id)
        if source is None:
            return
        self._external_id -= 1
        self.query = {"image_path": source[0], "region": region, "region_of": image_id}
        self.query_strip.set_query(self._external_id, source[0], source[1], None)
        self.query_strip.title.setText(translate("QueryController", "Query: region {region} (x,y,w,h) of "
                                                                    "{name} (#{image_id})").format(
            region=region, name=Path(source[0]).name, image_id=image_id))
        self.run()

    def run(self) -> None:
        """Search the current query again (the method, k or the compared methods changed)."""
        project = self.session.project
        if project is None or self.query is None:
            return
        self._serial += 1
        serial = self._serial
        spec = self.session.method
        specs = self.compare_view.selected()
        k = self.query_strip.k
        if not spec:
            self.search_view.clear(translate("QueryController", NO_DESCRIPTORS))
        searching = search_job(project, self.describer, spec, self.query, k) if spec else None
        if searching is not None:  # query_jobs: the route of each kind of method
            self.search_view.progress.track(searching)  # a verification's progress and Cancel
            self.runner.start(searching, on_finished=lambda got: self._show_hits(serial, spec, got.hits, got),
                              on_failed=lambda message: self._search_failed(serial, message))
        if "image_path" in self.query:
            described = None if searching is not None else spec  # a global method: described with the compared
            if described or specs:  # in the describer's child process: torch stays out of this one
                job = Job("search", search_external, self.describer, project, described, specs,
                          self.query["image_path"], k=k, with_progress=False, region=self.query.get("region"))
                self.runner.start(job, on_finished=lambda answer: self._show_external(serial, spec, answer),
                                  on_failed=lambda message: self._search_failed(serial, message))
        elif specs:
            job = Job("compare", compare_methods, project, specs, k=k, **self.query)
            self.runner.start(job, on_finished=lambda result: self._show_comparison(serial, result),
                              on_failed=self.show_message)

    def _show_hits(self, serial: int, spec: str, hits: list, found: Found | None = None) -> None:
        if serial != self._serial:
            return  # a newer query was asked meanwhile
        hits = without_query(hits, self.query.get("image_id"), self.query_strip.k)
        sources = {h.image_id: self.catalog_model.source_of(h.image_id) or (h.path, None) for h in hits}
        group = self.catalog_model.group_of(self.query["image_id"]) if "image_id" in self.query else None
        self.search_view.set_hits(spec, hits, group, sources, self.query.get("image_id"),
                                  sizes=found.sizes if found is not None else None, query=self.query)

    def _show_external(self, serial: int, spec: str, answer: ExternalAnswer) -> None:
        if serial != self._serial:
            return
        if answer.search_error is not None:
            self._search_failed(serial, answer.search_error)
        elif answer.hits is not None:
            self._show_hits(serial, spec, answer.hits)
        if answer.comparison is not None:
            self._show_comparison(serial, answer.comparison)

    def _search_failed(self, serial: int, message: str) -> None:
        """Say why in the Results area (not only in the message bar), unless a newer query was asked."""
        if serial != self._serial:
            return
        self.search_view.clear(translate("QueryController", "Search failed: {message}").format(
            message=error_text(message).splitlines()[0]))
        self.show_message(message)

    def _show_comparison(self, serial: int, comparison) -> None:
        if serial == self._serial:
            self.compare_view.show_comparison(comparison)

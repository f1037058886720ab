"""The query strip and the result grid: top-k thumbnails with rank, similarity score and class frame."""

from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QSpinBox, QVBoxLayout, QWidget

from heritage_explorer.core.regions import Box
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.models.thumbnails import ResultItem, ResultsModel, Roles
from heritage_explorer.gui.thumbnail_loader import ThumbnailLoader
from heritage_explorer.gui.widgets.combos import refill_combo
from heritage_explorer.gui.widgets.job_progress import JobProgress
from heritage_explorer.gui.widgets.judging import LEGEND, JudgedResultsModel, format_judged, show_judgments
from heritage_explorer.gui.widgets.thumbnail_grid import ThumbnailGrid
from heritage_explorer.pipeline.comparison import class_of, default_method, relation
from heritage_explorer.pipeline.searchable import scores_are_inliers

PROMPT = QT_TRANSLATE_NOOP("SearchView", "Click an image, drop a file on the window or paste one (Ctrl+V) to "
                                         "search.")
PROMPT_NO_PASTE = QT_TRANSLATE_NOOP("SearchView", "Open or create a project, then click an image or drop a file on "
                                    "the window to search.")
METHOD_TIP = QT_TRANSLATE_NOOP("SearchView", "Method used for the result grid: global descriptors, local features "
                               "(score: inlier count) and re-rankings GLOBAL>>LOCAL@K")
NOTHING_EXTRACTED = QT_TRANSLATE_NOOP("SearchView", "nothing extracted yet")


class QueryStrip(QWidget):
    """The current query: its thumbnail, file name and class; the method and k used for search."""

    method_changed = Signal(str)
    k_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, k: int = 20):
        super().__init__(parent)
        self.model = ResultsModel(self, thumbnail_size=96)
        self.view = ThumbnailGrid(self, size=96, single_row=True, caption_lines=0)
        self.view.setModel(self.model)
        self.view.setFixedWidth(96 + 30)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.can_paste = False
        self.clear()
        self.method_combo = QComboBox()
        self.method_combo.setToolTip(translate("SearchView", METHOD_TIP))
        self.method_combo.setMinimumContentsLength(16)
        self.method_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # a re-ranking's spec is long
        self.method_combo.setPlaceholderText(translate("SearchView", NOTHING_EXTRACTED))
        self.method_combo.currentTextChanged.connect(lambda text: text and self.method_changed.emit(text))
        self.k_spin = QSpinBox()
        self.k_spin.setRange(1, 200)
        self.k_spin.setValue(k)
        self.k_spin.setPrefix(translate("SearchView", "top "))
        self.k_spin.setToolTip(translate("SearchView", "Number of results per method"))
        self.k_spin.valueChanged.connect(self.k_changed.emit)
        controls = QVBoxLayout()
        controls.addWidget(self.title)
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("SearchView", "Method:")))
        row.addWidget(self.method_combo)
        row.addWidget(self.k_spin)
        row.addStretch(1)
        controls.addLayout(row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        layout.addLayout(controls, 1)

    def set_loader(self, loader: ThumbnailLoader | None) -> None:
        self.model.set_loader(loader)

    def clear(self) -> None:
        """No query: say how to ask one (offering paste only while it is possible)."""
        self.model.set_items([])
        self.title.setText(translate("SearchView", PROMPT if self.can_paste else PROMPT_NO_PASTE))

    def set_can_paste(self, can_paste: bool) -> None:
        self.can_paste = can_paste
        if not self.model.rowCount():
            self.title.setText(translate("SearchView", PROMPT if can_paste else PROMPT_NO_PASTE))

    def set_query(self, image_id: int, path: str, sha256: str | None, group: str | None) -> None:
        self.model.set_items([ResultItem(image_id, path, sha256, group, 0, None)])
        where = translate("SearchView", "external file") if image_id < 0 else f"#{image_id}"
        self.title.setText(translate("SearchView", "Query: {path} ({where}, class: {group})").format(
            path=os.path.basename(path), where=where, group=group or '—'))

    def set_methods(self, specs: list[str], *preferred: str | None) -> None:
        """Offer ``specs``: the first of ``preferred`` (the user's choices) that is extracted, else the
        method shown, else the best extracted global descriptor; with none, say nothing is extracted."""
        keep = next((s for s in (*preferred, self.method_combo.currentText()) if s and s in specs),
                    default_method(specs))
        refill_combo(self.method_combo, specs, keep)
        self.method_combo.setToolTip(translate("SearchView", METHOD_TIP) if specs else translate(
            "SearchView", "nothing extracted yet: tick a method in the Extraction panel and press Extract"))

    @property
    def method(self) -> str:
        return self.method_combo.currentText()

    @property
    def k(self) -> int:
        return self.k_spin.value()


class SearchView(QWidget):
    """Top-k results of the current query with one method (``gui/query_jobs.py``: HNSW for a global
    method, ``search_any`` for a local or re-ranking one, whose tiles show inlier counts and, for a
    region query, the box where the region was found), judged with keys (``widgets/judging.py``):
    the label on each thumbnail, the E/M/H mAP of the judged queries below. A local result's context
    menu (or M) asks for its match view (``show_matches``); a long verification shows its progress
    and can be cancelled (``progress``)."""

    open_image = Signal(int)
    show_matches = Signal(int)  # a result image id of a local or re-ranking search

    def __init__(self, parent: QWidget | None = None, *, thumbnail_size: int = 128):
        super().__init__(parent)
        self.model = JudgedResultsModel(self, thumbnail_size=thumbnail_size)
        self.spec: str | None = None  # the method of the results shown (None: none shown)
        self.query: dict | None = None  # the query of the results shown (as MainWindow.query)
        self.view = ThumbnailGrid(self, size=thumbnail_size)
        self.view.setModel(self.model)
        show_judgments(self.view)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        QShortcut(QKeySequence("M"), self.view, activated=self._matches_of_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.progress = JobProgress(self)
        self.progress.cancelled.connect(lambda: self.clear(
            translate("SearchView", "Search cancelled: pick the query again to search")))
        self.caption = QLabel()
        self.legend = QLabel(translate("Judging", LEGEND))
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555;")
        self.judging_label = QLabel(format_judged(None))
        self.judging_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.judging_label)
        layout.addWidget(self.legend)

    def set_loader(self, loader: ThumbnailLoader | None) -> None:
        self.model.set_loader(loader)

    def set_hits(self, spec: str, hits: list, query_group: str | None, sources: dict,
                 query_id: int | None = None, *, sizes: dict[int, tuple[int, int]] | None = None,
                 query: dict | None = None) -> None:
        """``hits``: pipeline ``SearchHit``s (``RegionHit``s with a ``box``); ``sources``: image id ->
        (absolute path, hash); ``query_id``: the catalog query (marked, never judged), None for an
        external file; ``sizes``: (width, height) of the images with a box; ``query``: what was asked
        (``{"image_id": n}``, ``{"image_path": p}``, with ``region``/``region_of`` for a region)."""
        query_class = class_of(query_group)
        inliers = scores_are_inliers(spec)
        items = []
        for hit in hits:
            path, sha = sources.get(hit.image_id, (hit.path, None))
            items.append(ResultItem(hit.image_id, path, sha, hit.group, hit.rank, hit.score,
                                    relation(query_class, hit.group), inliers, getattr(hit, "box", None),
                                    (sizes or {}).get(hit.image_id)))
        self.spec, self.query = spec, dict(query) if query is not None else None
        self.model.set_items(items, query_id)
        score = translate("SearchView", "  —  score: RANSAC inliers") if inliers else ""
        found = (translate("SearchView", "; box: where the region was found")
                 if any(item.box is not None for item in items) else "")
        self.caption.setText(translate("SearchView", "{count} results with {spec}{score}{found}").format(count=len(hits), spec=spec, score=score, found=found) + (
            translate("SearchView", "  —  frame: green same class, red other class, grey distractor/unknown")
            if query_class else ""))

    def box_of(self, image_id: int) -> Box | None:
        """Where the region query shown found its region in ``image_id`` (None: not found, no region)."""
        return next((item.box for item in self.model.items if item.image_id == image_id), None)

    def clear(self, text: str = "") -> None:
        self.spec, self.query = None, None
        self.model.set_items([])
        self.caption.setText(text)

    def has_matches(self) -> bool:
        """Whether the results shown come from local features (a match view can show why)."""
        return self.spec is not None and self.query is not None and scores_are_inliers(self.spec)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_image.emit(int(index.data(Roles.ImageId)))

    def _matches_of_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and self.has_matches():
            self.show_matches.emit(int(index.data(Roles.ImageId)))

    def _context_menu(self, where: QPoint) -> None:
        index = self.view.indexAt(where)
        if not index.isValid():
            return
        image_id = int(index.data(Roles.ImageId))
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        matches = menu.addAction(translate("SearchView", "Show matches…"), lambda: self.show_matches.emit(image_id))
        matches.setShortcut(QKeySequence("M"))
        matches.setEnabled(self.has_matches())
        if not self.has_matches():
            matches.setToolTip(translate("SearchView", "Only the results of a local method or a re-ranking "
                                                       "have matches to show"))
        menu.addAction(translate("SearchView", "Open image"), lambda: self.open_image.emit(image_id))
        menu.popup(self.view.viewport().mapToGlobal(where))

"""The grid's catalog model reads a page at a time through the catalog's indexed queries."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QListView

from heritage_explorer.core.catalog import Catalog
from heritage_explorer.core.records import SourceImage, SourceListing
from heritage_explorer.gui.models.thumbnails import ALL_CLASSES, NO_CLASS, PAGE, CatalogModel

N = 2 * PAGE + 500


def _catalog(tmp_path: Path) -> Catalog:
    images = [SourceImage(f"d/img_{i:05d}.jpg", None if i % 10 == 9 else f"class{i % 3}",
                          metadata={"title": "bridge" if i % 100 == 0 else "street"}) for i in range(N)]
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.add_listing(SourceListing(kind="csv", source="s.csv", root=tmp_path, images=images))
    return catalog


def test_pages_are_read_as_the_view_asks_for_them(tmp_path: Path, qtbot) -> None:
    catalog = _catalog(tmp_path)
    model = CatalogModel()
    model.load(catalog)
    assert model.rowCount() == PAGE and model.matching() == model.total() == N and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == N and not model.canFetchMore()
    ids = [model.image_id_at(r) for r in range(N)]
    assert ids == sorted(ids) == [r.id for r in catalog.images()]
    assert model.classes() == ["class0", "class1", "class2", NO_CLASS]


def test_filter_counts_all_matches_and_reads_one_page(tmp_path: Path, qtbot) -> None:
    catalog = _catalog(tmp_path)
    model = CatalogModel()
    model.load(catalog)
    model.set_filter(ALL_CLASSES, "street")
    expected = [r.id for r in catalog.images() if r.metadata["title"] == "street"]
    assert model.matching() == len(expected) and model.rowCount() == PAGE
    while model.canFetchMore():
        model.fetchMore()
    assert [model.image_id_at(r) for r in range(model.rowCount())] == expected
    model.set_filter(ALL_CLASSES, "bridge")
    assert model.rowCount() == model.matching() == N // 100
    assert {model._caption(r) for r in range(model.rowCount())} == {f"img_{i:05d}.jpg" for i in range(0, N, 100)}
    model.set_filter("class1", "")
    assert model.rowCount() == model.matching() == len([r for r in catalog.images() if r.group == "class1"])
    model.set_filter(NO_CLASS, "bridge")
    assert model.rowCount() == 0


def test_an_image_not_read_yet_is_still_found(tmp_path: Path, qtbot) -> None:
    catalog = _catalog(tmp_path)
    model = CatalogModel()
    model.load(catalog)
    last = catalog.images()[-1]
    assert model.row_of(last.id) is None  # not read yet
    assert model.source_of(last.id) == (str(last.abspath), None) and model.group_of(last.id) == last.group


def test_a_view_reads_more_only_when_scrolled_to_the_end(tmp_path: Path, qtbot) -> None:
    catalog = _catalog(tmp_path)
    model = CatalogModel()
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.load(catalog)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() == PAGE
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE, timeout=3000)

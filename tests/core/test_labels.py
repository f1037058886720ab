"""The archivist's labels (core/labels.py, issue #21 part 3): set, read, counted, cleared, kept
across a re-import, validated before anything is written, and added by the schema 2 -> 3 migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from heritage_explorer.core.catalog import Catalog
from heritage_explorer.core.catalog_schema import MIGRATIONS, statements
from heritage_explorer.core.errors import AnnotationError
from heritage_explorer.core.labels import MAX_LABEL, image_labels, label_counts, label_edit, set_labels
from heritage_explorer.core.records import SourceImage, SourceListing


def _catalog(root: Path, names=("a_1.jpg", "a_2.jpg", "b_1.jpg")) -> tuple[Catalog, dict[str, int]]:
    for name in names:
        (root / name).write_bytes(name.encode())
    listing = SourceListing("csv", "src.csv", root, [SourceImage(n, n.split("_")[0]) for n in names])
    catalog = Catalog(root / "catalog.sqlite")
    catalog.add_listing(listing)
    return catalog, {row.path: row.id for row in catalog.images()}


def test_labels_are_set_read_counted_and_cleared(tmp_path: Path) -> None:
    catalog, ids = _catalog(tmp_path)
    assert image_labels(catalog) == {} and label_counts(catalog) == {}
    assert set_labels(catalog, {ids["a_1.jpg"]: " portal ", ids["b_1.jpg"]: "portal", ids["a_2.jpg"]: "tower"}) == 3
    assert image_labels(catalog) == {ids["a_1.jpg"]: "portal", ids["b_1.jpg"]: "portal", ids["a_2.jpg"]: "tower"}
    assert image_labels(catalog, [ids["a_2.jpg"]]) == {ids["a_2.jpg"]: "tower"}
    assert label_counts(catalog) == {"portal": 2, "tower": 1}
    assert set_labels(catalog, {ids["a_1.jpg"]: "portal", ids["a_2.jpg"]: None}) == 1, "only a_2 changed"
    assert image_labels(catalog) == {ids["a_1.jpg"]: "portal", ids["b_1.jpg"]: "portal"}


def test_a_reimport_keeps_the_labels(tmp_path: Path) -> None:
    catalog, ids = _catalog(tmp_path)
    set_labels(catalog, {ids["a_1.jpg"]: "portal"})
    catalog.add_listing(SourceListing("csv", "src.csv", tmp_path, [SourceImage("a_1.jpg", "renamed")]))
    assert catalog.image(ids["a_1.jpg"]).group == "renamed"
    assert image_labels(catalog) == {ids["a_1.jpg"]: "portal"}


@pytest.mark.parametrize("label, message", [("  ", "not nothing"), ("x" * (MAX_LABEL + 1), "at most")])
def test_an_invalid_label_or_unknown_image_writes_nothing(tmp_path: Path, label: str, message: str) -> None:
    catalog, ids = _catalog(tmp_path)
    with pytest.raises(AnnotationError, match=message):
        set_labels(catalog, {ids["a_1.jpg"]: "fine", ids["b_1.jpg"]: label})
    with pytest.raises(AnnotationError, match="no image with id 999"):
        set_labels(catalog, {ids["a_1.jpg"]: "fine", 999: "fine"})
    assert image_labels(catalog) == {}


def test_a_schema_2_catalog_gains_the_labels_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for script in MIGRATIONS[:2]:
        for statement in statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    conn.execute("INSERT INTO collections (kind, source, root, imported_at) VALUES ('csv', 's', ?, 0)", (str(tmp_path),))
    conn.execute("INSERT INTO images (collection_id, path, status) VALUES (1, 'a.jpg', 'ok')")
    conn.close()
    catalog = Catalog(path)
    assert catalog.schema_version == 3
    assert set_labels(catalog, {1: "portal"}) == 1 and image_labels(catalog) == {1: "portal"}


def test_a_label_edit_is_undone_to_every_image_s_label_before(tmp_path: Path) -> None:
    catalog, ids = _catalog(tmp_path)
    a1, a2, b1 = ids["a_1.jpg"], ids["a_2.jpg"], ids["b_1.jpg"]
    set_labels(catalog, {a1: "portal", a2: "tower"})
    before = image_labels(catalog)
    edit = label_edit(catalog, [a1, a2, b1, a2], " portal ")
    assert edit.before == {a2: "tower", b1: None} and edit.after == {a2: "portal", b1: "portal"}, \
        "a_1 already carries it: not part of the edit"
    assert image_labels(catalog) == before, "planned, not written"
    assert edit.redo(catalog) == 2
    assert image_labels(catalog) == dict.fromkeys((a1, a2, b1), "portal")
    assert edit.undo(catalog) == 2
    assert image_labels(catalog) == before, "tower back on a_2, b_1 unlabelled again"
    cleared = label_edit(catalog, [a1, a2, b1], None)
    assert cleared.after == {a1: None, a2: None}
    cleared.redo(catalog)
    assert image_labels(catalog) == {}
    cleared.undo(catalog)
    assert image_labels(catalog) == before
    assert label_edit(catalog, [a1], "portal").after == {}
    with pytest.raises(AnnotationError, match="not nothing"):
        label_edit(catalog, [a1], "  ")

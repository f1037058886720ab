"""The catalog's free-text filter (FTS5), its migration from schema 1, and the trigger-kept counts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from heritage_explorer.core.catalog import Catalog
from heritage_explorer.core.catalog_schema import MIGRATIONS, SCHEMA_VERSION, statements
from heritage_explorer.core.catalog_search import NO_GROUP, ImageFilter
from heritage_explorer.core.records import SourceImage, SourceListing

IMAGES = [
    SourceImage("louvre/louvre_0001.jpg", "louvre", metadata={"title": "Pyramide du Louvre", "note": "damaged corner"}),
    SourceImage("louvre/louvre_0002.jpg", "louvre", metadata={"title": "Cour Carrée"}),
    SourceImage("eiffel/eiffel_0001.jpg", "eiffel", metadata={"title": "Tour Eiffel la nuit"}),
    SourceImage("misc/street.jpg", None, metadata={"title": "Rue de Rivoli"}),
]


def _catalog(tmp_path: Path, images=IMAGES) -> Catalog:
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.add_listing(SourceListing(kind="csv", source="s.csv", root=tmp_path, images=list(images)))
    return catalog


def _paths(catalog: Catalog, text: str = "", group: str | None = None) -> set[str]:
    rows = catalog.thumbnail_rows(ImageFilter(text, group))
    assert catalog.count_matching(ImageFilter(text, group)) == len(rows)
    return {Path(r.path).name for r in rows}


def test_text_matches_path_class_and_metadata_values_by_word_prefix(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    assert _paths(catalog, "damaged") == {"louvre_0001.jpg"}  # a metadata value
    assert _paths(catalog, "dam") == {"louvre_0001.jpg"}  # a prefix
    assert _paths(catalog, "EIFFEL") == {"eiffel_0001.jpg"}  # path, class and title, any case
    assert _paths(catalog, "carree") == {"louvre_0002.jpg"}  # diacritics folded
    assert _paths(catalog, "louvre 0002") == {"louvre_0002.jpg"}  # every word is required
    assert _paths(catalog, "street") == {"street.jpg"}
    assert _paths(catalog, "title") == set()  # metadata keys are not indexed
    assert _paths(catalog, "amaged") == set()  # inside a word: no match
    assert _paths(catalog, "tower") == set()
    assert _paths(catalog, '"louvre" OR eiffel') == set()  # query syntax is plain words, not FTS operators


def test_group_filter_and_no_group(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    assert _paths(catalog, group="louvre") == {"louvre_0001.jpg", "louvre_0002.jpg"}
    assert _paths(catalog, "pyramide", group="louvre") == {"louvre_0001.jpg"}
    assert _paths(catalog, "pyramide", group="eiffel") == set()
    assert _paths(catalog, group=NO_GROUP) == {"street.jpg"}
    assert sorted(catalog.group_labels(), key=str) == sorted(["louvre", "eiffel", None], key=str)


def test_index_follows_inserts_updates_and_deletes(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    renamed = [SourceImage(i.path, i.group, metadata={"title": "Pont Neuf"}) if i.group == "eiffel" else i
               for i in IMAGES]
    catalog.add_listing(SourceListing(kind="csv", source="s.csv", root=tmp_path,
                                      images=[*renamed, SourceImage("new/arc.jpg", "arc", metadata={"title": "Arc"})]))
    assert _paths(catalog, "nuit") == set()  # the old title is gone from the index
    assert _paths(catalog, "neuf") == {"eiffel_0001.jpg"}
    assert _paths(catalog, "arc") == {"arc.jpg"}
    with catalog.transaction() as conn:
        conn.execute("DELETE FROM images WHERE path = 'new/arc.jpg'")
    assert _paths(catalog, "arc") == set()
    assert catalog.query("INSERT INTO images_fts (images_fts) VALUES ('integrity-check')") == []


def test_pages_follow_each_other_in_id_order(tmp_path: Path) -> None:
    images = [SourceImage(f"p/img_{i:03d}.jpg", "g", metadata={"n": str(i)}) for i in range(25)]
    catalog = _catalog(tmp_path, images)
    seen, after = [], 0
    while page := catalog.thumbnail_rows(ImageFilter("img"), after_id=after, limit=10):
        seen += [r.id for r in page]
        after = page[-1].id
    assert seen == sorted(seen) and len(seen) == 25
    assert catalog.search_image_ids("img", limit=10, offset=20) == seen[20:]


def test_counts_follow_imports_and_status_changes(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    assert catalog.count_images() == {"pending": 4}
    ids = [r.id for r in catalog.images()]
    catalog.set_image_info(ids[0], sha256="h", width=1, height=1, status="ok")
    catalog.set_image_status(ids[1], "error", "broken")
    catalog.set_image_status(ids[1], "error", "still broken")  # same status: counted once
    assert catalog.count_images() == {"pending": 2, "ok": 1, "error": 1}
    with catalog.transaction() as conn:
        conn.execute("DELETE FROM images WHERE id = ?", (ids[0],))
    expected = {r["status"]: r["n"] for r in catalog.query("SELECT status, COUNT(*) AS n FROM images GROUP BY status")}
    assert catalog.count_images() == expected == {"pending": 2, "error": 1}
    assert catalog.count_matching() == 3


def test_a_schema_1_catalog_is_migrated_with_its_rows_indexed_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for statement in statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO collections (kind, source, root, imported_at) VALUES ('csv', 's', ?, 0)", (str(tmp_path),))
    conn.execute("INSERT INTO images (collection_id, path, status, group_name, metadata)"
                 " VALUES (1, 'a/old_photo.jpg', 'ok', 'arch', '{\"title\": \"Vieux pont\"}')")
    conn.execute("INSERT INTO images (collection_id, path, status) VALUES (1, 'a/other.jpg', 'error')")
    conn.close()
    catalog = Catalog(path)
    assert catalog.schema_version == SCHEMA_VERSION == 3
    assert _paths(catalog, "pont") == {"old_photo.jpg"}
    assert _paths(catalog, "arch") == {"old_photo.jpg"}
    assert catalog.count_images() == {"ok": 1, "error": 1}
    catalog.set_image_status(2, "ok")
    assert catalog.count_images() == {"ok": 2}

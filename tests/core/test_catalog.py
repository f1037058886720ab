from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from heritage_explorer.core.catalog import Catalog
from heritage_explorer.core.catalog_schema import SCHEMA_VERSION
from heritage_explorer.core.errors import ProjectError
from heritage_explorer.core.records import SourceImage, SourceListing


def _listing(root: Path, names: list[str], source: str = "src.csv") -> SourceListing:
    for name in names:
        if not (root / name).exists():
            (root / name).write_bytes(b"x" * 10)
    images = [SourceImage(path=n, group=n.split("_")[0], is_query=True, metadata={"note": n}) for n in names]
    return SourceListing(kind="csv", source=source, root=root, images=images)


def test_schema_created_in_wal_mode(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    assert catalog.schema_version == SCHEMA_VERSION
    assert catalog.query("PRAGMA journal_mode")[0][0] == "wal"


def test_add_listing_then_reimport_adds_only_new_or_changed(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    cid, new = catalog.add_listing(_listing(tmp_path, ["a_1.jpg", "b_1.jpg"]))
    assert len(new) == 2
    for image_id in new:
        catalog.set_image_info(image_id, sha256="h", width=1, height=1, status="ok")
    _, again = catalog.add_listing(_listing(tmp_path, ["a_1.jpg", "b_1.jpg"]))
    assert again == []
    (tmp_path / "a_1.jpg").write_bytes(b"changed content")
    _, changed = catalog.add_listing(_listing(tmp_path, ["a_1.jpg", "b_1.jpg", "c_1.jpg"]))
    rows = {r.path: r for r in catalog.images()}
    assert rows["a_1.jpg"].status == "pending" and rows["b_1.jpg"].status == "ok"
    assert sorted(changed) == sorted([rows["a_1.jpg"].id, rows["c_1.jpg"].id])
    assert catalog.groups() == {"a": 1, "b": 1, "c": 1}
    assert rows["a_1.jpg"].abspath == tmp_path.resolve() / "a_1.jpg"


def test_metadata_and_runs_round_trip(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.add_listing(_listing(tmp_path, ["a_é 1.jpg"]))
    assert catalog.images()[0].metadata == {"note": "a_é 1.jpg"}
    run = catalog.start_run("evaluate", "colorhist", {"k": 1})
    catalog.finish_run(run, {"global_map": 0.5})
    assert catalog.runs("evaluate")[0]["result"] == {"global_map": 0.5}


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    Catalog(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(ProjectError, match="newer"):
        Catalog(path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ProjectError, match="c.sqlite"):
        Catalog(path)


def test_writes_from_two_threads_and_two_connections(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    first, second = Catalog(path), Catalog(path)
    first.add_listing(_listing(tmp_path, [f"g_{i}.jpg" for i in range(50)]))
    ids = [r.id for r in first.images()]

    def mark(catalog: Catalog, chunk: list[int]) -> None:
        for image_id in chunk:
            catalog.set_image_status(image_id, "ok")

    threads = [threading.Thread(target=mark, args=(c, ids[i::2])) for i, c in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert first.count_images() == {"ok": 50}


def test_find_image_by_relative_or_absolute_path(tmp_path: Path) -> None:
    """By the path in its collection, or by an absolute path (any spelling of it); the lowest id when
    two collections list the same relative path; None for a file the catalog does not list."""
    first, second = tmp_path / "one", tmp_path / "two"
    (first / "sub").mkdir(parents=True)
    second.mkdir()
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.add_listing(_listing(first, ["a_1.jpg", "sub/b_1.jpg"], source="one.csv"))
    catalog.add_listing(_listing(second, ["a_1.jpg", "c_1.jpg"], source="two.csv"))
    rows = {(r.collection_id, r.path): r for r in catalog.images()}
    ids = sorted({cid for cid, _ in rows})
    assert catalog.find_image("a_1.jpg").id == rows[(ids[0], "a_1.jpg")].id
    assert catalog.find_image(str(second / "a_1.jpg")).id == rows[(ids[1], "a_1.jpg")].id
    assert catalog.find_image(str(first / "x" / ".." / "sub" / "b_1.jpg")).id == rows[(ids[0], "sub/b_1.jpg")].id
    assert catalog.find_image("c_1.jpg").id == rows[(ids[1], "c_1.jpg")].id
    assert catalog.find_image(str(tmp_path / "elsewhere.jpg")) is None
    assert catalog.find_image("b_1.jpg") is None  # a file name alone is not its catalog path


def test_metadata_columns_and_values_by_column(tmp_path: Path) -> None:
    """The collection map's "Colour by" list and values (issue #21): every key any image carries,
    each image's value or None, keys with a dot or a quote included."""
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        (tmp_path / name).write_bytes(b"x" * 10)
    images = [SourceImage("a.jpg", "g", True, {"artist": "Monet", "year.made": "1872", 'say "hi"': "1"}),
              SourceImage("b.jpg", "g", True, {"artist": "", "year.made": "1900"}),
              SourceImage("c.jpg", None, True, {})]
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.add_listing(SourceListing(kind="csv", source="s.csv", root=tmp_path, images=images))
    ids = {row.path: row.id for row in catalog.images()}
    assert catalog.metadata_columns() == ["artist", 'say "hi"', "year.made"]
    assert catalog.metadata_values("artist") == {ids["a.jpg"]: "Monet", ids["b.jpg"]: None, ids["c.jpg"]: None}
    assert catalog.metadata_values("year.made") == {ids["a.jpg"]: "1872", ids["b.jpg"]: "1900", ids["c.jpg"]: None}
    assert catalog.metadata_values('say "hi"') == {ids["a.jpg"]: "1", ids["b.jpg"]: None, ids["c.jpg"]: None}
    assert catalog.metadata_values("nowhere") == dict.fromkeys(ids.values())


def test_image_files_and_bulk_image_info(tmp_path: Path) -> None:
    """What a comparison reads of every readable image, and many images made readable in one write."""
    catalog = Catalog(tmp_path / "c.sqlite")
    _cid, ids = catalog.add_listing(_listing(tmp_path, ["a_1.jpg", "b_1.jpg", "b_2.jpg"]))
    assert catalog.image_files(status="ok") == []  # all pending until described
    catalog.set_images_info([(ids[0], "aa", 10, 20, "ok"), (ids[2], "cc", 30, 40, "ok")])
    rows = {row.id: row for row in catalog.images()}
    assert catalog.image_files(status="ok") == [(i, str(rows[i].abspath), rows[i].group, rows[i].sha256)
                                                for i in (ids[0], ids[2])]
    assert (rows[ids[2]].sha256, rows[ids[2]].width, rows[ids[2]].height, rows[ids[2]].status) == ("cc", 30, 40, "ok")
    assert rows[ids[1]].status == "pending" and rows[ids[1]].sha256 is None
    assert [i for i, *_ in catalog.image_files(status="pending")] == [ids[1]]


def test_images_by_ids_beyond_sqlite_variable_limit(tmp_path: Path) -> None:
    """A selection of 40,000 ids (over SQLite's 32,766 variables per statement) is read in chunks,
    in id order, with the other filters still applied; duplicates and unknown ids change nothing."""
    catalog = Catalog(tmp_path / "c.sqlite")
    images = [SourceImage(path=f"img_{i:05d}.jpg", group="even" if i % 2 == 0 else "odd") for i in range(40_000)]
    _cid, ids = catalog.add_listing(SourceListing(kind="csv", source="big.csv", root=tmp_path, images=images))
    assert len(ids) == 40_000
    # SQLite's default limit since 3.32 (some builds raise it): this connection has it, as most do
    catalog._connection().setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 32_766)
    with pytest.raises(sqlite3.OperationalError, match="too many SQL variables"):  # what one IN list did
        catalog.query(f"SELECT id FROM images WHERE id IN ({','.join('?' * len(ids))})", ids)
    wanted = list(reversed(ids)) + ids[:5] + [10 ** 9]
    rows = catalog.images(ids=wanted)
    assert [row.id for row in rows] == sorted(ids)
    assert [row.path for row in rows[:2]] == ["img_00000.jpg", "img_00001.jpg"]
    even = catalog.images(ids=ids, group="even")
    assert len(even) == 20_000 and {row.group for row in even} == {"even"}
    assert [row.id for row in even] == sorted(row.id for row in even)
    assert catalog.images(ids=ids, status="ok") == [] and catalog.images(ids=[]) == []


def test_set_image_info_is_set_images_info_for_one_image(tmp_path: Path) -> None:
    """One writer: a row without size/mtime keeps the file's; one with them (a re-read) replaces them;
    an error is recorded, and cleared by the next successful read."""
    catalog = Catalog(tmp_path / "c.sqlite")
    _cid, ids = catalog.add_listing(_listing(tmp_path, ["a_1.jpg", "b_1.jpg"]))
    size_before = catalog.query("SELECT size FROM images WHERE id = ?", (ids[0],))[0][0]
    catalog.set_image_info(ids[0], sha256=None, width=None, height=None, status="error", error="truncated")
    row = catalog.image(ids[0])
    assert (row.status, row.error, row.sha256) == ("error", "truncated", None)
    assert catalog.query("SELECT size FROM images WHERE id = ?", (ids[0],))[0][0] == size_before == 10
    catalog.set_images_info([(ids[0], "aa", 4, 3, "ok", None, 99, 5.0), (ids[1], "bb", 2, 2, "ok")])
    first, second = catalog.image(ids[0]), catalog.image(ids[1])
    assert (first.status, first.error, first.sha256, first.width) == ("ok", None, "aa", 4)
    assert tuple(catalog.query("SELECT size, mtime FROM images WHERE id = ?", (ids[0],))[0]) == (99, 5.0)
    assert (second.sha256, second.height) == ("bb", 2)
    assert catalog.query("SELECT size FROM images WHERE id = ?", (ids[1],))[0][0] == 10

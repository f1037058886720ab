"""core.sources: folders, CSV listings (including the benchmark groups.csv files), dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from heritage_explorer.core.errors import CancelledError, SourceFormatError
from heritage_explorer.core.imageio import probe
from heritage_explorer.core.jobs import CancelToken
from heritage_explorer.core.sources import list_csv, list_folder, list_source
from tests.conftest import shared_collection

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


# -- folders ------------------------------------------------------------------------------------
def test_list_folder_on_the_awkward_corpus(bad_input_folder: tuple[Path, dict]) -> None:
    folder, expected = bad_input_folder
    listing = list_folder(folder)
    paths = [image.path for image in listing.images]
    broken_links = {"loop.jpg", "dangling.jpg"}
    assert paths == sorted(set(expected) - broken_links)  # sorted, each file once despite the link loop
    assert "sub dir/Ünïcødé 名前.png" in paths and "UPPER CASE.JPG" in paths
    assert not any(p.startswith(".hidden") or "back/" in p for p in paths)
    assert {path for path, _ in listing.problems} == broken_links
    assert listing.kind == "folder" and listing.root == folder.resolve()
    assert all(image.group is None and image.is_query for image in listing.images)


def test_list_folder_errors_and_cancel(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match="not a folder"):
        list_folder(tmp_path / "absent")
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        list_folder(tmp_path, cancel=token)


# -- CSV listings -------------------------------------------------------------------------------
def _collection(
    tmp_path: Path, csv_text: str, files: tuple[str, ...] = ("a.jpg", "b.jpg", "sub/c.jpg")
) -> Path:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"\xff\xd8 not decoded by list_csv")
    path = tmp_path / "list.csv"
    path.write_text(csv_text, encoding="utf-8")
    return path


def test_list_csv_columns(tmp_path: Path) -> None:
    csv_path = _collection(
        tmp_path,
        "path,group,query,artist,title\n"
        'a.jpg,louvre,1,Anon,"Cour, carrée"\n'
        "b.jpg,,0,,\n"
        "sub\\c.jpg,louvre,,X,Y\n"
        "\n"
        "gone.jpg,louvre,true,,\n",
    )
    listing = list_csv(csv_path)
    assert (
        listing.kind == "csv"
        and listing.root == tmp_path.resolve()
        and listing.source == str(csv_path.resolve())
    )
    a, b, c, gone = listing.images
    assert (a.path, a.group, a.is_query, a.metadata) == (
        "a.jpg",
        "louvre",
        True,
        {"artist": "Anon", "title": "Cour, carrée"},
    )
    assert (b.group, b.is_query) == (None, False)
    assert (c.path, c.is_query) == ("sub/c.jpg", True)
    assert gone.path == "gone.jpg"  # listed, so the catalog records it as missing ...
    assert listing.problems == [("gone.jpg", "line 6: file not found")]  # ... and reported


@pytest.mark.parametrize("column", ["label", "class", "Group"])
def test_group_column_aliases(tmp_path: Path, column: str) -> None:
    listing = list_csv(_collection(tmp_path, f"Path;{column}\na.jpg;eiffel\n"))
    assert listing.images[0].group == "eiffel" and listing.images[0].metadata == {}


def test_bom_tab_separated_and_no_optional_columns(tmp_path: Path) -> None:
    csv_path = _collection(tmp_path, "")
    csv_path.write_bytes("\ufeffpath\tnote\na.jpg\tvu\n".encode())
    (image,) = list_csv(csv_path).images
    assert (image.path, image.group, image.is_query, image.metadata) == ("a.jpg", None, True, {"note": "vu"})


def test_rows_with_problems_are_reported_and_skipped(tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}_outside.jpg"
    outside.write_bytes(b"x")
    csv_path = _collection(
        tmp_path,
        "path,group,query\n"
        "a.jpg,g,1\n"
        f"../{outside.name},g,1\n"
        f"{outside},g,1\n"
        ",g,1\n"
        "b.jpg,g,maybe\n"
        "a.jpg,h,1\n"
        "sub/c.jpg,g,1,extra\n"
        "sub/../b.jpg,g,1\n",
    )
    listing = list_csv(csv_path)
    assert [image.path for image in listing.images] == ["a.jpg", "b.jpg"]  # sub/../b.jpg normalised
    reasons = [f"{where} {why}" for where, why in listing.problems]
    assert "leaves the CSV's folder refused" in reasons[0] and "line 3" in reasons[0]
    assert "absolute path refused" in reasons[1]
    assert reasons[2] == "line 5 empty path; row ignored"
    assert "query must be 0/1" in reasons[3]
    assert "listed again (first at line 2)" in reasons[4]
    assert "4 fields but the header has 3" in reasons[5]
    allowed = list_csv(csv_path, allow_absolute=True)
    assert [image.path for image in allowed.images][:3] == ["a.jpg", outside.as_posix(), "b.jpg"]
    assert (allowed.root / allowed.images[1].path) == outside  # the catalog's join keeps absolute paths


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"file,group\na.jpg,g\n", 1, "no 'path' column"),
        (b"", 1, "empty file"),
        (b"path,group,Group\na.jpg,g,h\n", 1, "duplicate column"),
        (b'path,group\na.jpg,g\nb.jpg,"unclosed\nc.jpg,g\n', 3, "malformed CSV"),
        (b"path,group\na.jpg,g\nb.jpg,caf\xe9\n", 3, "not UTF-8"),
    ],
)
def test_unreadable_csv_raises_with_line(tmp_path: Path, content: bytes, line: int, message: str) -> None:
    csv_path = tmp_path / "bad.csv"
    csv_path.write_bytes(content)
    with pytest.raises(SourceFormatError, match=message) as raised:
        list_csv(csv_path)
    assert raised.value.line == line and f"line {line}" in str(raised.value)


def test_missing_csv(tmp_path: Path) -> None:
    with pytest.raises(SourceFormatError, match="cannot read"):
        list_csv(tmp_path / "absent.csv")


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("name", "count"), [("rparis6k_subset_5x50", 276), ("museum_paintings", 317), ("strecha_mvs", 76)]
)
def test_benchmark_groups_csv(name: str, count: int) -> None:
    listing = list_csv(shared_collection(name))
    assert listing.problems == [] and len(listing.images) == count
    assert all(image.group for image in listing.images)
    assert all("group" not in image.metadata and "query" not in image.metadata for image in listing.images)


# -- dispatch -----------------------------------------------------------------------------------
def test_list_source_dispatch(tmp_path: Path) -> None:
    csv_path = _collection(tmp_path, "path\na.jpg\n")
    assert list_source(tmp_path, cache_dir=tmp_path / "cache").kind == "folder"
    assert list_source(str(csv_path), cache_dir=tmp_path / "cache").kind == "csv"
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(SourceFormatError, match="not a folder, a .csv"):
        list_source(tmp_path / "notes.txt", cache_dir=tmp_path)
    with pytest.raises(SourceFormatError, match="no such file"):
        list_source(tmp_path / "absent.csv", cache_dir=tmp_path)


# -- the shipped sample collection --------------------------------------------------------------
def test_sample_collection_is_complete_small_and_licensed() -> None:
    listing = list_csv(SAMPLE / "collection.csv")
    assert listing.problems == []
    assert 20 <= len(listing.images) <= 40
    total = sum((SAMPLE / image.path).stat().st_size for image in listing.images)
    assert total < 4 * 1024 * 1024
    assert all(max(probe(SAMPLE / image.path)) <= 640 for image in listing.images)
    assert all(image.metadata["licence"] and image.metadata["source"] for image in listing.images)
    groups: dict[str, int] = {}
    for image in listing.images:
        if image.group != "distractor":
            groups[image.group] = groups.get(image.group, 0) + 1
    assert len(groups) >= 5 and min(groups.values()) >= 3
    assert (SAMPLE / "PROVENANCE.md").is_file()

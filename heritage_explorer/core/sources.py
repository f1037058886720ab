"""Collection sources: a folder of images, a CSV listing, or a IIIF manifest.

Each source becomes a :class:`SourceListing`: a root directory, images with paths relative to
it (POSIX separators), and the per-row problems found on the way. A problem with one row never
stops an import; a source that cannot be read at all raises :class:`SourceFormatError`.
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from heritage_explorer.core.errors import SourceFormatError
from heritage_explorer.core.imageio import is_image_name
from heritage_explorer.core.jobs import CancelToken, Progress
from heritage_explorer.core.records import SourceImage, SourceListing

#: Columns that carry the class label, in order of preference (the first present wins).
GROUP_COLUMNS = ("group", "label", "class")
_TRUE = {"1", "true", "yes", "y"}
_FALSE = {"0", "false", "no", "n"}


def list_source(
    source: str | Path,
    *,
    cache_dir: str | Path,
    allow_absolute: bool = False,
    allow_hosts: Iterable[str] = (),
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> SourceListing:
    """List any source: an http(s) URL or a ``.json`` file is a IIIF manifest, a ``.csv`` file
    a CSV listing, a directory a folder. ``cache_dir`` receives images downloaded from IIIF
    servers (the project's ``cache/iiif``); ``progress``/``cancel`` apply to those downloads;
    ``allow_hosts`` are the non-public hosts they may connect to (:mod:`core.network_guard`).
    """
    text = str(source)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("http", "https"):
        from heritage_explorer.core.iiif import list_manifest

        return list_manifest(text, cache_dir, allow_hosts=allow_hosts, progress=progress, cancel=cancel)
    if scheme:
        raise SourceFormatError(text, f"unsupported address scheme {scheme!r} (use http or https)")
    path = Path(text).expanduser()
    if path.is_dir():
        return list_folder(path, cancel=cancel)
    if not path.exists():
        raise SourceFormatError(text, "no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list_csv(path, allow_absolute=allow_absolute)
    if suffix == ".json":
        from heritage_explorer.core.iiif import list_manifest

        return list_manifest(path, cache_dir, allow_hosts=allow_hosts, allow_absolute=allow_absolute,
                             progress=progress, cancel=cancel)
    raise SourceFormatError(text, "not a folder, a .csv listing or a IIIF manifest (.json or http(s) URL)")


# -- folders ------------------------------------------------------------------------------------
def list_folder(root: str | Path, *, cancel: CancelToken | None = None) -> SourceListing:
    """Every image under ``root``, recursively, in sorted order; no groups.

    Image extensions are matched case-insensitively; hidden files and directories (``.name``)
    are skipped; symbolic links are followed, each real directory visited once, so a link
    loop ends the descent instead of recursing forever. Unreadable directories and broken
    links are recorded in ``problems``.
    """
    root_path = Path(root).expanduser()
    if not root_path.is_dir():
        raise SourceFormatError(str(root), "not a folder")
    root_path = root_path.resolve()
    problems: list[tuple[str, str]] = []
    found: list[str] = []
    visited: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        rel = _relative(root_path, exc.filename) if exc.filename else "."
        problems.append((rel, f"cannot read folder: {exc.strerror or exc}"))

    for directory, dirnames, filenames in os.walk(root_path, followlinks=True, onerror=on_error):
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            st = os.stat(directory)
        except OSError as exc:
            on_error(exc)
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            dirnames[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or not is_image_name(name):
                continue
            full = os.path.join(directory, name)
            rel = _relative(root_path, full)
            if os.path.isfile(full):
                found.append(rel)
            else:
                problems.append((rel, "broken link or not a regular file"))
    images = [SourceImage(path=p, group=None) for p in sorted(set(found))]
    return SourceListing(
        kind="folder", source=str(root_path), root=root_path, images=images, problems=problems
    )


def _relative(root: Path, path: str) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


# -- CSV listings -------------------------------------------------------------------------------
def list_csv(csv_path: str | Path, *, allow_absolute: bool = False) -> SourceListing:
    """Images listed in a CSV file (UTF-8, comma-, semicolon- or tab-separated, with a header).

    * ``path`` (required): relative to the CSV's directory, which is the listing's root.
      A path leaving that directory (``..``, absolute) is refused per row unless
      ``allow_absolute``. Files that do not exist are listed (the catalog marks them
      missing) *and* recorded in ``problems``.
    * ``group``, else ``label``, else ``class``: the class; empty means none.
    * ``query``: 1/0, true/false, yes/no; empty or absent means 1.
    * Every other column is kept in ``metadata``.

    The format of the benchmark collections' ``groups.csv`` (``path,group,query,...``) is this
    one. A file that is not UTF-8, has no ``path`` column or an unbalanced quote raises
    :class:`SourceFormatError` with the line number.
    """
    csv_file = Path(csv_path).expanduser()
    try:
        raw = csv_file.read_bytes()
    except OSError as exc:
        raise SourceFormatError(str(csv_path), f"cannot read: {exc.strerror or exc}") from exc
    csv_file = csv_file.resolve()
    root = csv_file.parent
    source = str(csv_file)
    text = _decode(raw, source)
    rows = _parse_rows(text, source)
    if not rows:
        raise SourceFormatError(source, "empty file (a header with a 'path' column is needed)", line=1)
    header_line, header = rows[0]
    columns = _columns(header, source, header_line)
    images: list[SourceImage] = []
    problems: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        image = _row_to_image(row, line, columns, root, allow_absolute, problems)
        if image is None:
            continue
        if image.path in seen:
            problems.append(
                (image.path, f"line {line}: listed again (first at line {seen[image.path]}); ignored")
            )
            continue
        seen[image.path] = line
        full = root / image.path
        if not full.exists():
            problems.append((image.path, f"line {line}: file not found"))
        elif not full.is_file():
            problems.append((image.path, f"line {line}: not a regular file"))
        images.append(image)
    return SourceListing(kind="csv", source=source, root=root, images=images, problems=problems)


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceFormatError(
            source, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line=line
        ) from exc


def _parse_rows(text: str, source: str) -> list[tuple[int, list[str]]]:
    """(first line number, cells) of each record; quoted fields may span lines."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceFormatError(
            source, f"malformed CSV in the record starting here ({exc})", line=start
        ) from exc
    return rows


@dataclass(frozen=True)
class _Columns:
    """Positions of the known columns in a header."""

    names: list[str]
    path: int
    group: int | None
    query: int | None
    metadata: list[int]


def _columns(header: list[str], source: str, line: int) -> _Columns:
    names = [name.strip() for name in header]
    lowered = [name.lower() for name in names]
    duplicates = sorted({name for name in lowered if name and lowered.count(name) > 1})
    if duplicates:
        raise SourceFormatError(source, f"duplicate column(s) {', '.join(duplicates)}", line=line)
    if "path" not in lowered:
        raise SourceFormatError(
            source, f"no 'path' column in the header (found: {', '.join(names) or 'nothing'})", line=line
        )
    group = next((lowered.index(c) for c in GROUP_COLUMNS if c in lowered), None)
    query = lowered.index("query") if "query" in lowered else None
    path = lowered.index("path")
    metadata = [i for i, name in enumerate(names) if name and i not in (path, group, query)]
    return _Columns(names, path, group, query, metadata)


def _row_to_image(
    row: list[str],
    line: int,
    columns: _Columns,
    root: Path,
    allow_absolute: bool,
    problems: list[tuple[str, str]],
) -> SourceImage | None:
    where = f"line {line}"
    if len(row) > len(columns.names):
        problems.append((where, f"{len(row)} fields but the header has {len(columns.names)}; row ignored"))
        return None
    row = row + [""] * (len(columns.names) - len(row))
    raw_path = row[columns.path].strip().replace("\\", "/")
    if not raw_path:
        problems.append((where, "empty path; row ignored"))
        return None
    path, refusal = _safe_path(raw_path, root, allow_absolute)
    if path is None:
        problems.append((raw_path, f"{where}: {refusal}; row ignored"))
        return None
    group = (row[columns.group].strip() or None) if columns.group is not None else None
    is_query = True
    if columns.query is not None:
        flag = row[columns.query].strip().lower()
        if flag in _FALSE:
            is_query = False
        elif flag and flag not in _TRUE:
            problems.append(
                (path, f"{where}: query must be 0/1 or true/false, not {row[columns.query]!r}; row ignored")
            )
            return None
    metadata = {columns.names[i]: row[i] for i in columns.metadata}
    return SourceImage(path=path, group=group, is_query=is_query, metadata=metadata)


def _safe_path(raw: str, root: Path, allow_absolute: bool) -> tuple[str | None, str]:
    """(path to store, "") or (None, why it is refused).

    Paths inside ``root`` are stored relative and normalised; paths leaving it are refused
    unless ``allow_absolute``, and then stored absolute (the catalog joins them to the root,
    which leaves an absolute path unchanged).
    """
    if "\n" in raw or "\x00" in raw:
        return None, "path contains a line break or NUL character"
    is_absolute = posixpath.isabs(raw) or (len(raw) > 1 and raw[1] == ":")  # '/x' or 'C:/x'
    joined = Path(raw) if is_absolute else root / raw
    normal = Path(os.path.normpath(joined))
    try:
        relative = normal.relative_to(root)
    except ValueError:
        if not allow_absolute:
            kind = "absolute path" if is_absolute else "path leaves the CSV's folder"
            return None, f"{kind} refused (allow absolute paths to import it)"
        return normal.as_posix(), ""
    if relative == Path("."):
        return None, "path is the CSV's folder itself"
    return relative.as_posix(), ""

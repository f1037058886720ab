"""Reading back the mined sample of an adaptation (issue #19 part 1): what the app's pairs view shows.

``adapt`` (and ``adapt --dry-run``) writes every verified neighbour pair to ``P/adapt/NAME/pairs.json``
and ``pairs.csv`` (:meth:`.adapt_sample.MinedSample.write`). :func:`read_pairs_file` reads either
(or a ``--dry-run FILE`` copy) and checks it, row by row: a malformed file raises
:class:`PairsFileError` naming the file and what is wrong with it (and the row). :func:`mined_pairs`
joins the pairs of an adaptation with the catalog (the images' current files and content hashes,
for thumbnails and the match view); :func:`adaptations_with_pairs` lists the adaptations that have
them, dry runs included. No Qt here.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from heritage_explorer.core.errors import HeritageError, command_hint
from heritage_explorer.descriptors.method import parse_method
from heritage_explorer.pipeline.adapt_mining import DEFAULT_LOCAL
from heritage_explorer.pipeline.adapt_store import ADAPT_DIR, VERIFIED_DIR, adaptation_dir, adapted_name
from heritage_explorer.pipeline.project import Project

PAIRS_JSON = "pairs.json"
PAIRS_CSV = "pairs.csv"
#: the verdicts of :meth:`.adapt_sample.MinedPair.kind`: verified positive, enough inliers packed in a
#: small area (not used), hard negative (a near neighbour the local matching did not verify)
KINDS = ("positive", "unspread", "negative")
CSV_COLUMNS = ("a", "b", "path_a", "path_b", "similarity", "inliers", "spread", "kind")


class PairsFileError(HeritageError):
    """A pairs file that cannot be read, or is not what ``adapt`` writes."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{path}: not a readable mined-pairs file ({reason})")


@dataclass(frozen=True)
class PairRecord:
    """One row of a pairs file: images ``a`` < ``b`` (catalog ids and paths), their verdict."""

    a: int
    b: int
    path_a: str
    path_b: str
    similarity: float
    inliers: int
    spread: float
    kind: str


@dataclass(frozen=True)
class PairsFile:
    """A pairs file read and checked; ``sample``: the mining's summary (``pairs.json`` only)."""

    path: Path
    pairs: list[PairRecord]
    sample: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Pairs of each kind, in :data:`KINDS` order (kinds absent from the file count 0)."""
        return {kind: sum(1 for p in self.pairs if p.kind == kind) for kind in KINDS}


def _record(path: Path, where: str, row: dict) -> PairRecord:
    def number(key: str, kind: type):
        value = row.get(key)
        if value is None or value == "" or isinstance(value, bool):
            raise PairsFileError(path, f"{where}: no {key!r}")
        try:
            parsed = kind(value) if kind is float else int(str(value))
        except (TypeError, ValueError):
            raise PairsFileError(path, f"{where}: {key!r} is {value!r}, not {'a number' if kind is float else 'a whole number'}") from None
        return parsed

    a, b, inliers = number("a", int), number("b", int), number("inliers", int)
    if inliers < 0:
        raise PairsFileError(path, f"{where}: 'inliers' is {inliers}, a count cannot be negative")
    kind = row.get("kind")
    if kind not in KINDS:
        raise PairsFileError(path, f"{where}: 'kind' is {kind!r}, not one of {', '.join(KINDS)}")
    return PairRecord(a, b, str(row.get("path_a") or ""), str(row.get("path_b") or ""), number("similarity", float),
                      inliers, number("spread", float), str(kind))


def read_pairs_file(path: Path | str) -> PairsFile:
    """The pairs of a ``pairs.json`` or ``pairs.csv`` (by its suffix: ``.csv``, else JSON), checked."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PairsFileError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PairsFileError(path, f"unreadable: {exc}") from exc
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PairsFileError(path, f"the header lacks the column(s) {', '.join(missing)}")
        return PairsFile(path, [_record(path, f"line {n}", row) for n, row in enumerate(reader, 2)])
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise PairsFileError(path, f"invalid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), list):
        raise PairsFileError(path, "no list of \"pairs\"")
    sample = data.get("sample", {})
    if not isinstance(sample, dict):
        raise PairsFileError(path, "\"sample\" is not an object")
    pairs = []
    for n, row in enumerate(data["pairs"]):
        if not isinstance(row, dict):
            raise PairsFileError(path, f"pair {n}: not an object")
        pairs.append(_record(path, f"pair {n}", row))
    return PairsFile(path, pairs, sample)


def pairs_path(project: Project, name: str) -> Path:
    """The pairs file of adaptation ``name``: ``pairs.json`` (with the mining's summary), else ``pairs.csv``."""
    directory = adaptation_dir(project, name)
    json_path = directory / PAIRS_JSON
    return json_path if json_path.exists() or not (directory / PAIRS_CSV).exists() else directory / PAIRS_CSV


def adaptation_of(spec: str) -> str | None:
    """NAME of an adapted method ``…+adapt:NAME``, None for any other spec (or a spelling that does not parse)."""
    try:
        return adapted_name(parse_method(spec))
    except HeritageError:
        return None


def adaptations_with_pairs(project: Project) -> list[str]:
    """Names of the project's adaptations (learned or dry runs) that have a pairs file, sorted."""
    root = project.root / ADAPT_DIR
    if not root.is_dir():
        return []
    return sorted(d.name for d in root.iterdir() if d.is_dir() and d.name != VERIFIED_DIR
                  and ((d / PAIRS_JSON).is_file() or (d / PAIRS_CSV).is_file()))


@dataclass(frozen=True)
class PairImage:
    """An image of a pair as the catalog knows it now; ``abspath`` None: no longer in the catalog."""

    id: int
    name: str
    abspath: Path | None
    sha256: str | None
    group: str | None


@dataclass(frozen=True)
class MinedPairs:
    """The mined sample of adaptation ``name``: its pairs and their images, for the app's pairs view."""

    name: str
    file: PairsFile
    images: dict[int, PairImage]

    @property
    def local(self) -> str:
        """The local method that verified the pairs (what the match view must use to show them)."""
        return str(self.file.sample.get("local") or DEFAULT_LOCAL)

    @property
    def base(self) -> str | None:
        return self.file.sample.get("base")


def mined_pairs(project: Project, name: str) -> MinedPairs:
    """The pairs of adaptation ``name`` with their images (one catalog query); a HeritageError saying
    how to make them when the adaptation has none, :class:`PairsFileError` for a malformed file."""
    path = pairs_path(project, name)
    if not path.exists():
        raise HeritageError(f"adaptation {name!r} has no mined pairs ({path} is missing); run: "
                            + command_hint("adapt", "--project", project.root, "--method", "efflite0-gem",
                                           "--name", name, "--dry-run"))
    file = read_pairs_file(path)
    ids = sorted({p.a for p in file.pairs} | {p.b for p in file.pairs})
    rows = {row.id: row for row in project.catalog.images(ids=ids)}
    names = {p.a: p.path_a for p in file.pairs} | {p.b: p.path_b for p in file.pairs}
    images = {}
    for image_id in ids:
        row = rows.get(image_id)
        if row is not None and names.get(image_id) and row.path != names[image_id]:
            row = None  # the id is another image's now (the collection was imported again)
        images[image_id] = (PairImage(image_id, row.abspath.name, row.abspath, row.sha256, row.group) if row else
                            PairImage(image_id, Path(names.get(image_id) or f"#{image_id}").name, None, None, None))
    return MinedPairs(name, file, images)

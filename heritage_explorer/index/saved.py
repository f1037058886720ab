"""What every saved index shares: ``index.json`` beside its files, read and checked the same way.

``index.json`` names its ``backend``; an index saved before backends existed has none and is
an hnswlib index (``HnswIndex``'s own fields: M, ef_construction, ef).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from heritage_explorer.core.errors import CorruptArtefactError
from heritage_explorer.core.integrity import verify_sha256
from heritage_explorer.index.params import BACKENDS, HNSWLIB

META_FILE = "index.json"


def read_record(meta_path: Path) -> dict[str, Any]:
    """Parse ``index.json`` into a dict (FileNotFoundError when absent, CorruptArtefactError when not JSON)."""
    try:
        text = meta_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"{meta_path}: no index saved here") from None
    try:
        record = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CorruptArtefactError(f"{meta_path}: not valid JSON ({error})") from error
    if not isinstance(record, dict):
        raise CorruptArtefactError(f"{meta_path}: expected a JSON object")
    if record.setdefault("backend", HNSWLIB) not in BACKENDS:
        raise CorruptArtefactError(f"{meta_path}: unknown backend {record['backend']!r}")
    return record


def check_expected_meta(meta_path: Path, stored: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """Raise CorruptArtefactError naming the first key whose stored value differs from ``expected``."""
    expected = json.loads(json.dumps(dict(expected)))
    for key, value in expected.items():
        if key not in stored:
            raise CorruptArtefactError(f"{meta_path}: metadata has no {key!r} (expected {value!r})")
        if stored[key] != value:
            raise CorruptArtefactError(
                f"{meta_path}: metadata {key!r} is {stored[key]!r}, expected {value!r}"
            )


def check_files(directory: Path, hashes: Mapping[str, str], *, full: bool = False) -> None:
    """Each named file of ``directory`` present with its recorded sha256 (see ``core/integrity.py``)."""
    for name, digest in hashes.items():
        path = directory / name
        if not path.is_file():
            raise CorruptArtefactError(f"{path}: missing (its {META_FILE} is present)")
        if not verify_sha256(path, digest, full=full):
            raise CorruptArtefactError(f"{path}: checksum mismatch (file truncated or modified)")


def describe_saved(directory: str | Path) -> dict[str, Any] | None:
    """The backend, parameters and count of the index saved in ``directory`` (None when none is),
    read from ``index.json`` alone: what ``status`` reports, without loading the index."""
    path = Path(directory) / META_FILE
    try:
        record = read_record(path)
    except FileNotFoundError:
        return None
    if record["backend"] == HNSWLIB:
        params = {"backend": HNSWLIB, **{key: record.get(key) for key in ("M", "ef_construction", "ef")}}
    else:
        params = dict(record.get("params") or {}, backend=record["backend"])
    return {"backend": record["backend"], "count": record.get("count"), "dim": record.get("dim"), "params": params}

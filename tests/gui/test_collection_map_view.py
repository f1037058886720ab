"""View ▸ Collection map (issue #21 part 3): laid out in the window's runner, one item per described
image, dots far out and thumbnails close in, a click searches with the image, closed with the project."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.path import Path as MplPath
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from heritage_explorer.core.annotations import AnnotationStore
from heritage_explorer.gui.widgets.collection_map import CollectionMapDialog
from heritage_explorer.gui.widgets.map_colouring import NO_VALUE, colour_by, points_in_polygon
from heritage_explorer.pipeline import current_vectors
from heritage_explorer.pipeline.export import selection_export
from tests.gui import test_describer

pytest.importorskip("openTSNE", reason="the map's default layout needs openTSNE (requirements.txt)")
colorhist_project = test_describer.colorhist_project  # the sample project with colour histograms (a fixture)


def _painted(dialog: CollectionMapDialog) -> list[int]:
    dialog.view.refresh()
    dialog.view.viewport().grab()  # paints the visible items now
    return [item.image_id for item in dialog.view.thumbnails.values() if item.drew_thumbnail]


def test_the_map_shows_every_image_and_a_click_searches_with_it(window, colorhist_project, qtbot) -> None:
    window.settings.search_method = "colorhist"
    assert window.open_project(colorhist_project)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    window.actions_by_name["collection_map"].trigger()
    dialogs = window.findChildren(CollectionMapDialog)
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: dialog.collection_map is not None, timeout=60_000)
    described = current_vectors(window.project, "colorhist")
    assert sorted(dialog.view.point_ids) == sorted(int(i) for i in described.ids)
    assert "images by colorhist" in dialog.status.text()

    dialog.view.set_zoom(0.2)  # a tile is 13 px on screen: dots only, no thumbnail item
    assert _painted(dialog) == [] and dialog.view.thumbnails == {}
    row = len(dialog.view.point_ids) // 2
    image_id, centre = dialog.view.point_ids[row], QPointF(*dialog.view.xy[row])
    dialog.view.set_zoom(2.0)  # a tile is 128 px: thumbnails, through the window's loader
    dialog.view.centerOn(centre)
    qtbot.waitUntil(lambda: image_id in _painted(dialog), timeout=20_000)
    assert len(dialog.view.thumbnails) < len(dialog.view.point_ids), "only the images in view get an item"

    where = dialog.view.mapFromScene(centre)
    QTest.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert window.query == {"image_id": image_id}
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)

    window.open_project(colorhist_project)  # another project (here the same again): the map goes
    qtbot.waitUntil(lambda: not window.findChildren(CollectionMapDialog), timeout=10_000)


def _open_map(window, project, qtbot) -> CollectionMapDialog:
    window.settings.search_method = "colorhist"
    assert window.open_project(project)
    qtbot.waitUntil(window.thumbnails_settled, timeout=20_000)
    window.actions_by_name["collection_map"].trigger()
    dialog = window.findChildren(CollectionMapDialog)[0]
    qtbot.waitUntil(lambda: dialog.collection_map is not None and dialog.colour_combo.count() > 2, timeout=60_000)
    return dialog


def _dot_colours(dialog: CollectionMapDialog) -> dict[int, str]:
    """Image id -> the colour its dot is drawn in, read back from the dots item's layer."""
    return dict(zip(dialog.view.point_ids, dialog.view.dots.colour_names(), strict=True))


def test_colour_by_a_metadata_column_gives_one_colour_per_value(window, colorhist_project, qtbot) -> None:
    dialog = _open_map(window, colorhist_project, qtbot)
    columns = [dialog.colour_combo.itemText(i) for i in range(dialog.colour_combo.count())]
    assert columns[:2] == ["class", "label"] and {"variation", "licence", "title", "source"} <= set(columns)
    rows = {row.id: row for row in window.project.catalog.images()}
    by_class = _dot_colours(dialog)
    dialog.colour_by("variation")
    assert dialog.colour_combo.currentText() == "variation"
    by_variation = _dot_colours(dialog)
    assert by_variation != by_class
    for colours, value_of, no_value in ((by_class, lambda r: r.group, (None, "", "distractor")),
                                        (by_variation, lambda r: r.metadata.get("variation"), (None, ""))):
        values = {image_id: value_of(rows[image_id]) for image_id in colours}
        named = {v for v in values.values() if v not in no_value}
        colour_of_value = {values[i]: c for i, c in colours.items() if values[i] in named}
        assert len(set(colour_of_value.values())) == len(named), "a colour per value, distinct"
        assert all(colours[i] == colour_of_value[v] for i, v in values.items() if v in named)
        assert all(colours[i] == NO_VALUE.name() for i, v in values.items() if v not in named)
    legend = dialog.legend.text()
    assert "variation" in legend and all(v in legend for v in {r.metadata.get("variation") for r in rows.values()} - {None, ""})


def test_the_colour_columns_are_read_off_the_gui_thread(window, colorhist_project, qtbot) -> None:
    """Opening the map does not scan the catalog's metadata on the GUI thread: "Colour by" holds
    the class only until the runner's answer (delivered through the event loop) adds the columns."""
    window.settings.search_method = "colorhist"
    assert window.open_project(colorhist_project)
    window.actions_by_name["collection_map"].trigger()
    dialog = window.findChildren(CollectionMapDialog)[0]
    assert [dialog.colour_combo.itemText(i) for i in range(dialog.colour_combo.count())] == ["class", "label"]
    assert dialog.columns_job is not None
    qtbot.waitUntil(lambda: dialog.colour_combo.count() > 2, timeout=30_000)
    columns = [dialog.colour_combo.itemText(i) for i in range(dialog.colour_combo.count())]
    assert columns == ["class", "label", *window.project.catalog.metadata_columns()]
    qtbot.waitUntil(lambda: dialog.collection_map is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)


def test_a_lasso_selects_the_points_inside_exports_and_flags_them(window, colorhist_project, qtbot, tmp_path) -> None:
    dialog = _open_map(window, colorhist_project, qtbot)
    view = dialog.view
    view.fit()
    low, high = view.xy.min(axis=0), view.xy.max(axis=0)
    middle = (low + high) / 2
    # A triangle over the lower-left half of the layout, drawn with Shift held down.
    corners = [(low[0] - 20, low[1] - 20), (middle[0], high[1] + 20), (low[0] - 20, high[1] + 20)]
    corners += [(low[0] - 20, middle[1])]  # back up the left side: a lasso has many vertices
    on_screen = [view.mapFromScene(QPointF(x, y)) for x, y in corners]
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, on_screen[0])
    for where in on_screen[1:]:
        QTest.mouseMove(viewport, where)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, on_screen[-1])
    drawn = np.array([[view.mapToScene(p).x(), view.mapToScene(p).y()] for p in on_screen])
    expected = MplPath(drawn).contains_points(view.xy)
    assert 0 < expected.sum() < len(view.xy), "the triangle holds some of the points, not all"
    assert view.selected.tolist() == expected.tolist()
    count = int(expected.sum())
    assert dialog.selection_label.text() == f"{count} selected" and dialog.export_button.isEnabled()
    assert window.query is None, "a lasso is no click: nothing was searched"

    view.set_zoom(2.0)  # zooming in (thumbnails) and out keeps the selection
    view.centerOn(QPointF(*view.xy[np.flatnonzero(expected)[0]]))
    view.refresh()
    assert any(item.selected for item in view.thumbnails.values())
    view.set_zoom(0.2)
    assert view.selected.tolist() == expected.tolist() and len(view.halo.points) == count

    dialog.colour_by("licence")  # recolouring keeps it too
    assert view.selected.tolist() == expected.tolist()

    selection = tmp_path / "selection.txt"
    dialog.export_selection(selection)
    qtbot.waitUntil(lambda: "written to" in dialog.status.text(), timeout=20_000)
    exported = selection_export(window.project, selection)
    assert [item.image.id for item in exported.items] == dialog.selected_ids()
    assert len(dialog.selected_ids()) == count

    store = AnnotationStore(window.project.catalog)
    flagged, unflaggable = dialog.flag_selection("Illumination")
    rows = window.project.catalog.images(ids=dialog.selected_ids())
    classed = [row.id for row in rows if row.group not in (None, "distractor")]
    assert (flagged, unflaggable) == (len(classed), count - len(classed))
    flags = {i: f for a in store.all().values() for i, f in a.flags.items()}
    assert all("Illumination" in flags.get(i, ()) for i in classed)
    window.edits.stack.undo()  # one edit for the whole selection
    flags = {i: f for a in store.all().values() for i, f in a.flags.items()}
    assert not any("Illumination" in f for f in flags.values())

    dialog._show(dialog.collection_map)  # a new layout: the selection goes
    assert not view.selected.any() and dialog.selection_label.text() == "No selection"
    assert not dialog.export_button.isEnabled()


def test_points_in_polygon_matches_matplotlib_on_a_free_hand_shape() -> None:
    rng = np.random.default_rng(0)
    xy = rng.uniform(-1, 1, (20_000, 2))
    angles = np.linspace(0, 2 * np.pi, 60, endpoint=False)
    radii = 0.5 + 0.3 * np.sin(5 * angles)  # a star: concave, many vertices
    polygon = np.c_[radii * np.cos(angles), radii * np.sin(angles)]
    inside = points_in_polygon(xy, polygon)
    assert inside.tolist() == MplPath(polygon).contains_points(xy).tolist()
    assert 0 < inside.sum() < len(xy)
    assert not points_in_polygon(xy, polygon[:2]).any()


def test_a_numeric_column_with_many_values_is_binned() -> None:
    values = [str(v) for v in range(100)] + [None]
    colouring = colour_by(values)
    assert colouring.binned and len(colouring.legend) == 7 and colouring.legend[-1][0] == "no value"
    assert colouring.colours[0] != colouring.colours[99] and colouring.colours[0] == colouring.colours[1]
    assert sum(n for _label, _c, n in colouring.legend) == len(values)


def test_beyond_twenty_categories_the_rarest_are_one_other_colour() -> None:
    values = [f"artist {i}" for i in range(25) for _ in range(i + 1)] + ["", None, "distractor"]
    colouring = colour_by(values)  # a metadata column: "distractor" is one more (rare) value
    assert not colouring.binned
    labels = [label for label, _c, _n in colouring.legend]
    assert labels[-2:] == ["other (7 values)", "no value"] and len(labels) == 21
    assert len({c.name() for c in colouring.colours[-28:-3]}) == 1, "artist 24's 25 images: one colour"
    assert "artist 0" not in labels and "artist 24" in labels
    assert sum(n for _label, _c, n in colouring.legend) == len(values)


def test_distractor_means_no_value_in_the_class_column_only() -> None:
    """A class named "distractor" is no class (grey); the same word in a metadata column is a value."""
    values = ["tower", "distractor", None, "", "tower"]
    by_class = colour_by(values, classes=True)
    assert by_class.colours[1] == NO_VALUE and [(label, n) for label, _c, n in by_class.legend] == [
        ("tower", 2), ("no value", 3)]
    by_column = colour_by(values)
    assert by_column.colours[1] not in (NO_VALUE, by_column.colours[0])
    assert [(label, n) for label, _c, n in by_column.legend] == [("distractor", 1), ("tower", 2), ("no value", 2)]


def test_the_dots_item_draws_only_the_points_in_view(qtbot) -> None:
    """Far out every dot is drawn; zoomed in, only those in the exposed part (the layer culls)."""
    from heritage_explorer.gui.widgets.map_view import MapView

    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 5000, (5000, 2))
    view = MapView(lambda _image_id: None)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    colouring = colour_by([f"c{i % 7}" for i in range(len(xy))])
    view.set_points(xy, list(range(len(xy))), colouring, lambda _row: None)  # fits the whole map in view
    view.viewport().grab()
    assert view.dots.drawn == len(xy)
    view.set_zoom(0.5)  # 800 x 600 scene units of 5000 x 5000 in view
    view.centerOn(QPointF(2500, 2500))
    view.viewport().grab()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    in_view = int(((xy[:, 0] >= seen.left()) & (xy[:, 0] <= seen.right())
                   & (xy[:, 1] >= seen.top()) & (xy[:, 1] <= seen.bottom())).sum())
    assert in_view <= view.dots.drawn <= in_view * 1.2 + 20, "the points in view, a margin of a dot"
    assert view.dots.colour_names() == [c.name() for c in colouring.colours]
